// One product: its buyers, the support they need before and after buying, and the channels they use.
import { $, api, count, h, humanise, tableHead } from '../common.js';
import { draw } from '../charts.js';
import {
  cell, colours, dec2, LEGEND_GRID, NO_AUDIENCE, params, parts, pct, pctFmt, run, showEmpty, sizeByRows, state, tiles, wholeNumber,
} from './section.js';

export function runProduct(userAsked) {
  const sku = $('product-sku').value;
  if (!sku) {
    const p = parts('product');
    p.alert.hidden = true;
    p.s.dataset.state = showEmpty('product', state.snapshot && state.snapshot.customers === 0 ? NO_AUDIENCE
      : 'No product appears in this snapshot yet: products come from the interactions that name them.');
    return Promise.resolve();
  }
  const q = params({ windowDays: wholeNumber($('product-window')), minimumCount: wholeNumber($('product-min')) });
  return run('product', {
    busy: `Looking at ${sku}…`,
    failed: `The view of ${sku} could not be computed`,
    userAsked,
    fetch: () => api(`/v1/analytics/products/${encodeURIComponent(sku)}${q}`),
    render: ({ result }) => renderProduct(result),
  });
}

function renderProduct(r) {
  const min = r.minimumCount;
  if (r.buyers === 0) return showEmpty('product', `Nobody who allows analytics bought ${r.product} in this snapshot.`);
  if (r.buyers === null) return showEmpty('product', `Fewer than ${min} customers bought ${r.product}: the view is hidden so no one can be singled out.`);
  const before = r.supportPer30DaysBefore;
  const after = r.supportPer30DaysAfter;
  const change = before && after !== null ? after / before - 1 : null;
  tiles('product-tiles', [
    ['Buyers', count(r.buyers)],
    ['Support before', before === null ? '–' : dec2.format(before), 'contacts per buyer per 30 days'],
    ['Support after', after === null ? '–' : dec2.format(after), 'contacts per buyer per 30 days'],
    ['Change in support', change === null ? '–' : `${change > 0 ? '+' : ''}${pctFmt.format(change)}`, 'after buying, against before', change > 0.1 ? 'bad' : change < -0.1 ? 'good' : null],
  ]);
  const keys = [];
  for (const x of [...r.channelsBefore, ...r.channelsAfter]) if (!keys.includes(x.key)) keys.push(x.key);
  const unitsOf = (list, k) => { const x = list.find((y) => y.key === k); return x ? x.units : 0; };
  const c = colours();
  sizeByRows('product-channels-chart', keys.length * 1.6, 340);
  draw('product-channels-chart', `Channels used in the window before and after buying ${r.product}`, {
    title: { subtext: 'Buyers who used each channel at least once' },
    grid: LEGEND_GRID,
    legend: { bottom: 4 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    yAxis: {
      type: 'category', inverse: true, axisLabel: { interval: 0 },
      data: keys.map((k) => (unitsOf(r.channelsBefore, k) === null || unitsOf(r.channelsAfter, k) === null ? `${humanise(k)} (< ${min})` : humanise(k))),
    },
    xAxis: { type: 'value', name: 'Buyers', nameLocation: 'middle', nameGap: 28 },
    series: [
      { name: 'Before buying', type: 'bar', data: keys.map((k) => unitsOf(r.channelsBefore, k)), itemStyle: { color: c.p90 }, barMaxWidth: 14 },
      { name: 'After buying', type: 'bar', data: keys.map((k) => unitsOf(r.channelsAfter, k)), itemStyle: { color: c.p50 }, barMaxWidth: 14 },
    ],
  });
  draw('product-support-chart', 'Support load per buyer', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: (v) => (v === null ? '–' : `${dec2.format(v)} per 30 days`) },
    grid: { left: 16, right: 40, top: 52, bottom: 36, containLabel: true },
    yAxis: { type: 'category', inverse: true, data: ['Before buying', 'After buying'] },
    xAxis: { type: 'value', name: 'Support contacts per 30 days', nameLocation: 'middle', nameGap: 26 },
    series: [{
      name: 'Support contacts', type: 'bar', barMaxWidth: 26,
      data: [{ value: before, itemStyle: { color: c.p90 } }, { value: after, itemStyle: { color: c.p50 } }],
      label: { show: true, position: 'right', formatter: (p) => (p.value === null ? '' : dec2.format(p.value)) },
    }],
  });
  $('product-buyers-table').replaceChildren(h('caption', null, 'Buyers by the channel they bought through'),
    tableHead('Channel', 'Buyers', 'Share'),
    h('tbody', null, r.buyersByChannel.map((x) => h('tr', null, h('th', { scope: 'row' }, humanise(x.key)), cell(x.units, min),
      h('td', null, x.units === null ? '–' : pct(x.units / r.buyers))))));
  return 'ready';
}
