// Who this is: the customer's identifiers, each with the rule, entry and record that linked it, and the merges into them.
import { $, h } from '../common.js';
import { nameIn } from './names.js';
import { el, fillPanel, loadingPanel, panelError, state } from './page.js';
import { fillRecordIdentifiers } from './record.js';
import { idLabel, STRONG_TYPES } from './vocabulary.js';

const identityPanel = { panel: $('identity-panel'), body: $('identity-body') };

export async function loadIdentityPanel(seq) {
  loadingPanel(identityPanel.panel, identityPanel.body, 'Loading identity…');
  try {
    const identity = await state.identity;
    if (seq !== state.requestSeq) return;
    el.heading.textContent = nameIn(identity.identifiers) || identity.customerId;
    const strong = identity.identifiers.filter((i) => STRONG_TYPES.includes(i.type));
    const weak = identity.identifiers.filter((i) => !STRONG_TYPES.includes(i.type));
    const row = (i) => h('li', { 'data-testid': 'identity-identifier', 'data-type': i.type },
      h('span', { class: 'id-type' }, idLabel(i.type)), h('span', { class: 'id-value mono' }, i.value ?? '(erased)'),
      h('span', { class: 'id-why' }, `${i.rule} · entry #${i.linkedAt}, ${i.source} ${i.sourceRecordId}`));
    const content = [];
    content.push(strong.length ? h('ul', { class: 'id-list' }, strong.map(row))
      : h('p', { class: 'panel-empty' }, 'No strong identifier: this customer was placed by the probabilistic matcher. Ask for an email or account number.'));
    if (weak.length) content.push(h('details', { class: 'id-more' }, h('summary', null, `${weak.length} more details kept as evidence`), h('ul', { class: 'id-list' }, weak.map(row))));
    if (identity.merges.length) {
      content.push(h('h4', null, 'Merged into this customer'), h('ul', { class: 'plain-list', 'data-testid': 'identity-merges' },
        identity.merges.map((m) => h('li', null, h('span', { class: 'mono' }, m.absorbed), ` at entry #${m.at}`,
          m.evidence.length ? ` — shared ${m.evidence.join(', ')}` : ''))));
    }
    fillPanel(identityPanel.panel, identityPanel.body, content);
    fillRecordIdentifiers(identity);
  } catch (e) {
    if (seq !== state.requestSeq) return;
    panelError(identityPanel.panel, identityPanel.body, 'The identity', e);
    fillRecordIdentifiers(null);
  }
}

