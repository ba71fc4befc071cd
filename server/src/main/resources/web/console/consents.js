// The consents panel: what the customer allows per purpose now, its history, and recording a change the customer asks
// for (on the ledger, through the agent's channel).
import { $, api, channelInfo, customerPath, dateFmt, h, humanise, parseDate, when } from '../common.js';
import { confirmAction, fillPanel, loadingPanel, panelError, state, workingChannel } from './page.js';
import { loadTokens } from './tokens.js';
import { PURPOSE_NAMES } from './vocabulary.js';

const consents = { panel: $('consents-panel'), body: $('consents-body'), status: $('consent-status') };

export async function loadConsents(customerId, seq) {
  loadingPanel(consents.panel, consents.body, 'Loading consents…');
  try {
    const c = await api(customerPath(customerId, '/consents'));
    if (seq !== state.requestSeq) return;
    fillPanel(consents.panel, consents.body, renderConsents(c));
  } catch (e) {
    if (seq !== state.requestSeq) return;
    panelError(consents.panel, consents.body, 'Consents', e);
  }
}

function consentState(p) {
  if (p.state === 'not needed') return { text: 'Not needed', cls: 'pill' };
  if (p.state === 'never asked') return { text: 'Never asked', cls: 'pill' };
  return p.allowed ? { text: 'Allowed', cls: 'pill pill-ok' } : { text: humanise(p.state), cls: 'pill pill-no' };
}

function renderConsents(c) {
  const rows = Object.entries(c.current).map(([purpose, p]) => {
    const s = consentState(p);
    const name = PURPOSE_NAMES[purpose] || humanise(purpose);
    const change = purpose === 'service' ? null : h('button', {
      type: 'button', class: 'btn btn-small', 'data-testid': `consent-change-${purpose}`,
      'aria-label': p.allowed ? `Record that the customer withdraws consent to ${name}` : `Record that the customer gives consent to ${name}`,
      onclick: () => changeConsent(purpose, p.allowed ? 'withdrawn' : 'granted'),
    }, p.allowed ? 'Withdraw' : 'Grant');
    return h('tr', { 'data-purpose': purpose },
      h('th', { scope: 'row' }, name),
      h('td', null, h('span', { class: s.cls, 'data-testid': `consent-state-${purpose}` }, s.text),
        p.at ? h('span', { class: 'consent-since' }, ` ${dateFmt.format(parseDate(p.at))} via ${channelInfo(p.channel).label}`) : null),
      h('td', { class: 'consent-action' }, change));
  });
  const history = c.history.slice().reverse();
  return [
    h('table', { class: 'consent-table', 'data-testid': 'consent-table' },
      h('caption', { class: 'visually-hidden' }, 'Consent per purpose, now'),
      h('tbody', null, rows)),
    h('details', { class: 'id-more', 'data-testid': 'consent-history' },
      h('summary', null, `History (${history.length} entr${history.length === 1 ? 'y' : 'ies'})`),
      history.length ? h('ol', { class: 'plain-list' }, history.map((x) => h('li', null,
        h('strong', null, `${PURPOSE_NAMES[x.purpose] || x.purpose} ${x.state}`), ` ${when(x.at)} via ${channelInfo(x.channel).label}`,
        x.reason ? ` — ${x.reason}` : '', ` (entry #${x.entry})`)))
        : h('p', { class: 'panel-empty' }, 'The customer has never been asked.')),
  ];
}

async function changeConsent(purpose, to) {
  const name = PURPOSE_NAMES[purpose] || purpose;
  const reason = await confirmAction({
    title: to === 'granted' ? `Record consent to ${name.toLowerCase()}?` : `Record withdrawal of ${name.toLowerCase()}?`,
    text: `Only when the customer asks for it now. It is recorded on the ledger as said via ${channelInfo(workingChannel()).label}.`,
    ok: to === 'granted' ? 'Record consent' : 'Record withdrawal', reason: 'Customer asked during the conversation',
  });
  if (reason === null) return;
  const customerId = state.customerId, seq = state.requestSeq;
  consents.status.textContent = 'Saving…';
  try {
    const res = await api(customerPath(customerId, '/consents'), { method: 'POST', body: { purpose, state: to, channel: workingChannel(), reason } });
    if (seq !== state.requestSeq) return;
    consents.status.textContent = `Saved: ${name} ${to} (ledger entry #${res.entry}).`;
    await Promise.all([loadConsents(customerId, seq), loadTokens(customerId, seq)]);
  } catch (e) {
    consents.status.textContent = `Not saved: ${e.message}`;
  }
}

