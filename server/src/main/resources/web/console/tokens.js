// The tokens panel: the customer's balance and latest movements, each with its ledger entry.
import { $, api, customerPath, h, humanise, numberFmt, when } from '../common.js';
import { fillPanel, loadingPanel, panelError, state } from './page.js';
import { renderLedgerRef } from './timeline.js';

const tokens = { panel: $('tokens-panel'), body: $('tokens-body') };
const MOVEMENT_TEXT = { mint: 'Earned', burn: 'Redeemed', expire: 'Expired' };

export async function loadTokens(customerId, seq) {
  loadingPanel(tokens.panel, tokens.body, 'Loading tokens…');
  try {
    const t = await api(customerPath(customerId, '/tokens'));
    if (seq !== state.requestSeq) return;
    const recent = t.movements.slice().reverse().slice(0, 5);
    fillPanel(tokens.panel, tokens.body,
      h('p', { class: 'balance' }, h('span', { class: 'balance-n', 'data-testid': 'token-balance' }, numberFmt.format(t.balance)), ' tokens'),
      recent.length ? h('ul', { class: 'movement-list', 'data-testid': 'token-movements' }, recent.map((m) => h('li', { 'data-entry': m.entry },
        h('span', { class: `pill movement-${m.movement}` }, MOVEMENT_TEXT[m.movement] || humanise(m.movement)),
        h('span', { class: 'movement-amount' }, `${m.movement === 'mint' ? '+' : '−'}${numberFmt.format(m.amount)}`),
        h('span', { class: 'movement-when' }, when(m.at)),
        h('span', { class: 'movement-entry' }, renderLedgerRef(m.entry)))))
        : h('p', { class: 'panel-empty', 'data-testid': 'tokens-empty' }, 'No tokens yet. Contracts award them, for example for a first consent or a five-star rating.'),
      t.movements.length > recent.length ? h('p', { class: 'panel-note' }, `${t.movements.length - recent.length} older movements are on the timeline.`) : null);
  } catch (e) {
    if (seq !== state.requestSeq) return;
    panelError(tokens.panel, tokens.body, 'Tokens', e);
  }
}

