// Household and relations: the people in the customer's household, proxies and organisations, current and ended.
import { $, api, customerPath, h, humanise, numberFmt } from '../common.js';
import { nameLinks } from './names.js';
import { fillPanel, loadingPanel, panelError, state } from './page.js';
import { customerLink, RELATION_TEXT } from './vocabulary.js';

const relations = { panel: $('relations-panel'), body: $('relations-body') };

export async function loadRelations(customerId, seq) {
  loadingPanel(relations.panel, relations.body, 'Loading relations…');
  try {
    const [rel, household] = await Promise.all([
      api(customerPath(customerId, '/relationships')),
      api(`${customerPath(customerId, '/household')}?limit=1`),
    ]);
    if (seq !== state.requestSeq) return;
    const today = new Date().toISOString().slice(0, 10);
    const current = rel.relationships.filter((r) => !r.validTo || r.validTo >= today);
    const ended = rel.relationships.filter((r) => r.validTo && r.validTo < today);
    const members = household.members.filter((m) => m !== customerId);
    const content = [];
    if (members.length) {
      content.push(h('h4', null, `Household · ${members.length + 1} people, ${numberFmt.format(household.total)} interactions together`),
        h('ul', { class: 'relation-list', 'data-testid': 'household-members' }, members.map((m) => h('li', null,
          h('span', { class: 'relation-kind' }, 'Household'), customerLink(m)))));
    }
    const others = current.filter((r) => r.type !== 'household');
    if (others.length) {
      content.push(h('h4', null, 'Proxies and organisations'), h('ul', { class: 'relation-list', 'data-testid': 'relations' }, others.map((r) => {
        const out = r.from === customerId;
        const otherId = out ? r.to : r.from;
        return h('li', { 'data-type': r.type }, h('span', { class: 'relation-kind' }, (RELATION_TEXT[r.type] || ((o) => humanise(r.type)))(out)),
          customerLink(otherId), r.validFrom ? h('span', { class: 'relation-dates' }, ` since ${r.validFrom}`) : null);
      })));
    }
    if (ended.length) {
      content.push(h('details', { class: 'id-more' }, h('summary', null, `${ended.length} ended`), h('ul', { class: 'relation-list' }, ended.map((r) =>
        h('li', null, h('span', { class: 'relation-kind' }, humanise(r.type)), customerLink(r.from === customerId ? r.to : r.from),
          h('span', { class: 'relation-dates' }, ` until ${r.validTo}`))))));
    }
    if (!content.length) {
      content.push(h('p', { class: 'panel-empty', 'data-testid': 'relations-empty' },
        'No household, proxy or organisation recorded. If someone calls for this customer, ask for the customer’s own consent first.'));
    }
    fillPanel(relations.panel, relations.body, content);
    nameLinks(relations.body, seq);
  } catch (e) {
    if (seq !== state.requestSeq) return;
    panelError(relations.panel, relations.body, 'Relations', e);
  }
}

