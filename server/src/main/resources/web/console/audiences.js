// The audiences panel: which audiences the customer is in now, and since when (docs/audiences.md). An agent sees them
// for service: a customer in "churn risk" or "recent complainers" is one to take care of.
import { $, ApiError, api, customerPath, h, when } from '../common.js';
import { fillPanel, loadingPanel, panelError, state } from './page.js';
import { renderLedgerRef } from './timeline.js';

const audiences = { panel: $('audiences-panel'), body: $('audiences-body') };

export async function loadAudiences(customerId, seq) {
  loadingPanel(audiences.panel, audiences.body, 'Loading audiences…');
  try {
    const a = await api(customerPath(customerId, '/audiences'));
    if (seq !== state.requestSeq) return;
    const items = a.items || [];
    fillPanel(audiences.panel, audiences.body, items.length
      ? h('ul', { class: 'movement-list', 'data-testid': 'audience-list' }, items.map((m) => h('li', { 'data-audience': m.audience },
        h('span', { class: 'pill pill-ok', 'data-testid': 'audience-name' }, m.audience),
        h('span', { class: 'movement-when' }, `since ${when(m.since)}`),
        m.entry === undefined ? null : h('span', { class: 'movement-entry' }, renderLedgerRef(m.entry)))))
      : h('p', { class: 'panel-empty', 'data-testid': 'audiences-empty' }, 'In no audience. Analysts define audiences by a rule; customers enter and leave them as their interactions arrive.'));
  } catch (e) {
    if (seq !== state.requestSeq) return;
    // A node that keeps no audiences (one of a cluster) says so: nothing is wrong with the customer.
    if (e instanceof ApiError && e.status === 503) fillPanel(audiences.panel, audiences.body, h('p', { class: 'panel-empty' }, e.message));
    else panelError(audiences.panel, audiences.body, 'Audiences', e);
  }
}
