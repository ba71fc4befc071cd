// Churn in groups: whether households, organisations and people who meet close their accounts together.
import { $, api, count, h, humanise, tableHead, withCode } from '../common.js';
import { cell, params, pct, run, showEmpty, wholeNumber } from './section.js';

export function runCoChurn(userAsked) {
  const q = params({ windowDays: wholeNumber($('co-churn-window')), meetingDays: wholeNumber($('co-churn-meeting')), minimumCount: wholeNumber($('co-churn-min')) });
  return run('co-churn', {
    busy: 'Looking for groups who left together…',
    failed: 'Churn in groups could not be computed',
    userAsked,
    fetch: () => api(`/v1/analytics/co-churn${q}`),
    render: ({ result }) => renderCoChurn(result),
  });
}

const KIND_TEXT = { HOUSEHOLD: 'Households', ORGANISATION: 'Organisations', MEETING: 'Met in the same places' };

function renderCoChurn(r) {
  if (r.withEvent === 0) return showEmpty('co-churn', 'No customer who allows analytics has closed their account in this snapshot, so no one can follow anyone.');
  const groupsSeen = r.kinds.reduce((a, k) => a + k.groupCount, 0);
  $('co-churn-note').replaceChildren(...withCode(`${r.withEvent === null ? `Fewer than ${r.minimumCount}` : count(r.withEvent)} of ${count(r.customers)} customers closed their account. `
    + (groupsSeen === 0 ? 'No household, organisation or meeting group of two or more customers is in this snapshot: households and organisations '
      + 'come from relationships (`touchline identity relate household`), meetings from visits to the same store, agent or engineer on the same day.' : '')));
  const lift = (x) => (x === null || x === undefined ? '–' : `${x.toFixed(2)}×`);
  $('co-churn-table').replaceChildren(h('caption', null, 'Lift over the base rate, per kind of group'),
    tableHead('Group', 'Groups of 2+', 'Pairs', 'Followed within window', 'Rate in group', 'Base rate', 'Lift'),
    h('tbody', null, r.kinds.map((k) => h('tr', { 'data-kind': k.kind }, h('th', { scope: 'row' }, KIND_TEXT[k.kind] || humanise(k.kind)),
      h('td', null, count(k.groupCount)), cell(k.pairs, r.minimumCount), cell(k.followed, r.minimumCount),
      h('td', null, pct(k.conditionalRate)), h('td', null, pct(k.baseRate)), h('td', { class: k.lift > 1 ? 'lift-up' : null }, lift(k.lift))))));
  const groups = r.kinds.flatMap((k) => k.groups.map((g) => ({ ...g, kind: k.kind })));
  const table = $('co-churn-groups');
  table.hidden = groups.length === 0;
  table.replaceChildren(h('caption', null, 'Groups with two or more close events (opaque ids)'),
    tableHead('Group', 'Kind', 'Members', 'Closures (days after the first)'),
    h('tbody', null, groups.map((g) => h('tr', null, h('th', { scope: 'row' }, g.id), h('td', null, KIND_TEXT[g.kind] || g.kind),
      h('td', null, count(g.size)), h('td', null, g.eventDays.map((d) => d.toFixed(0)).join(', '))))));
  return 'ready';
}
