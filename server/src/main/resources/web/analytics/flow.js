// Lead and cycle times: how long journeys take to a decision, by channel, month and product, and time in each stage.
import { $, api, count, humanise } from '../common.js';
import { draw } from '../charts.js';
import {
  colours, days, distributionTooltip, duration, LEGEND_GRID, p50p90Series, params, run, showEmpty, sizeByRows, tiles, wholeNumber,
} from './section.js';

const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function runFlow(userAsked) {
  const q = params({ silenceDays: wholeNumber($('flow-silence')), minimumCount: wholeNumber($('flow-min')) });
  return run('flow', {
    busy: 'Measuring lead and cycle times…',
    failed: 'The lead times could not be computed',
    userAsked,
    fetch: () => api(`/v1/analytics/flow${q}`),
    render: ({ result }) => renderFlow(result),
  });
}

function renderFlow(r) {
  const min = r.minimumCount;
  if (!r.leadTime.count && !r.leadTime.suppressed) {
    return showEmpty('flow', 'No journey has reached a decision in this snapshot yet, so there is no lead time to measure.');
  }
  tiles('flow-tiles', [
    ['Journeys converted', count(r.leadTime.count)],
    ['Lead time, median', duration(r.leadTime.p50Seconds)],
    ['Lead time, p90', duration(r.leadTime.p90Seconds)],
  ]);
  const distDays = { type: 'value', name: 'Days', nameLocation: 'middle', nameGap: 28 };
  const key = (g) => g.distribution;
  const named = (text, d) => (d.suppressed ? `${text} (< ${min})` : text);
  const channels = r.leadTimeByChannel;
  draw('flow-channel-chart', 'Lead time by channel of the decision', {
    title: { subtext: 'In brackets: journeys converted through the channel' },
    grid: { left: 16, right: 28, top: 74, bottom: 48, containLabel: true },
    legend: { bottom: 4 },
    tooltip: { trigger: 'axis', confine: true, formatter: distributionTooltip(channels, key, min, 'journeys') },
    xAxis: { type: 'category', data: channels.map((g) => named(g.distribution.suppressed ? humanise(g.key) : `${humanise(g.key)} (${count(g.distribution.count)})`, g.distribution)), axisLabel: { interval: 0 } },
    yAxis: { ...distDays, nameLocation: 'end', nameGap: 12, nameTextStyle: { align: 'left' } },
    series: p50p90Series(channels, key),
  });
  const months = r.leadTimeByMonth;
  draw('flow-month-chart', 'Lead time month by month (month of the decision)', {
    legend: { bottom: 4 },
    tooltip: { trigger: 'axis', confine: true, formatter: distributionTooltip(months, key, min, 'journeys') },
    xAxis: { type: 'category', data: months.map((g) => named(monthFmt.format(new Date(`${g.key}-01T00:00:00Z`)), g.distribution)), boundaryGap: false },
    yAxis: { ...distDays, nameLocation: 'end', nameGap: 12, nameTextStyle: { align: 'left' } },
    series: [
      { name: 'Median (p50)', type: 'line', data: months.map((g) => days(g.distribution.p50Seconds)), itemStyle: { color: colours().p50 }, symbolSize: 6, lineStyle: { width: 2.5 } },
      { name: '90th percentile (p90)', type: 'line', data: months.map((g) => days(g.distribution.p90Seconds)), itemStyle: { color: colours().p90 }, symbolSize: 6, lineStyle: { width: 2.5, type: 'dashed' } },
    ],
  });
  const products = r.leadTimeByProduct;
  sizeByRows('flow-product-chart', products.length);
  draw('flow-product-chart', 'Lead time by product', {
    grid: LEGEND_GRID,
    legend: { bottom: 4 },
    tooltip: { trigger: 'axis', confine: true, formatter: distributionTooltip(products, key, min, 'journeys') },
    yAxis: { type: 'category', inverse: true, data: products.map((g) => named(g.key === '(none)' ? 'None named' : g.key, g.distribution)), axisLabel: { interval: 0 } },
    xAxis: distDays,
    series: p50p90Series(products, key).map((s) => ({ ...s, barMaxWidth: 10 })),
  });
  const cycles = r.cycleTimes;
  const overall = (c) => c.overall;
  draw('flow-cycle-chart', 'Time spent in each stage (cycle time)', {
    title: { subtext: 'Per converted journey that passed through the stage' },
    grid: LEGEND_GRID,
    legend: { bottom: 4 },
    tooltip: { trigger: 'axis', confine: true, formatter: distributionTooltip(cycles, overall, min, 'journeys') },
    yAxis: { type: 'category', inverse: true, data: cycles.map((c) => named(humanise(c.stage), c.overall)), axisLabel: { interval: 0 } },
    xAxis: distDays,
    series: p50p90Series(cycles, overall),
  });
  return 'ready';
}
