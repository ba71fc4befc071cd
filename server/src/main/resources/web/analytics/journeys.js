// Journeys: started, in progress, converted and abandoned, per product.
import { $, api, count } from '../common.js';
import { draw, escapeHtml } from '../charts.js';
import {
  colours, hiddenNote, LEGEND_GRID, params, pct, run, showEmpty, sizeByRows, tiles, wholeNumber,
} from './section.js';

export function runJourneys(userAsked) {
  const q = params({ silenceDays: wholeNumber($('journeys-silence')), minimumCount: wholeNumber($('journeys-min')) });
  return run('journeys', {
    busy: 'Counting journeys…',
    failed: 'The journeys could not be counted',
    userAsked,
    fetch: () => api(`/v1/analytics/journeys${q}`),
    render: ({ result }) => renderJourneys(result),
  });
}

function renderJourneys(r) {
  const a = r.all;
  if (a.started === 0) return showEmpty('journeys', 'No journey has started in this snapshot yet.');
  tiles('journeys-tiles', [
    ['Started', count(a.started)],
    ['In progress', count(a.inProgress)],
    ['Converted', count(a.converted), null, 'good'],
    ['Abandoned', count(a.abandoned), null, 'bad'],
    ['Conversion rate', pct(a.conversionRate)],
    ['Direct decisions', count(r.directDecisions), 'decisions with no journey before them'],
  ]);
  const rows = r.byProduct;
  const c = colours();
  sizeByRows('journeys-chart', rows.length);
  const series = [['In progress', 'inProgress', c.muted], ['Converted', 'converted', c.ok], ['Abandoned', 'abandoned', c.warn]]
    .map(([name, field, colour]) => ({
      name, type: 'bar', stack: 'journeys', data: rows.map((p) => p.counts[field]), itemStyle: { color: colour }, barMaxWidth: 18,
      emphasis: { focus: 'series' },
    }));
  draw('journeys-chart', 'Journeys per product', {
    title: { subtext: 'The product the decision named, or the latest one an open or abandoned journey named' },
    grid: LEGEND_GRID,
    legend: { bottom: 4 },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, formatter: (items) => {
        const p = rows[items[0].dataIndex];
        if (p.counts.suppressed && p.counts.started === null) return `<strong>${escapeHtml(items[0].name)}</strong><br>${hiddenNote(r.minimumCount)} journeys`;
        return [`<strong>${escapeHtml(items[0].name)}</strong>`, `${count(p.counts.started)} started`,
          ...items.map((i) => `${i.marker}${i.seriesName}: ${count(i.value)}`), `conversion ${pct(p.counts.conversionRate)}`].join('<br>');
      },
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((p) => (p.product === '(none)' ? 'No product named' : p.product)), axisLabel: { interval: 0 } },
    xAxis: { type: 'value', name: 'Journeys', nameLocation: 'middle', nameGap: 28 },
    series,
  });
  return 'ready';
}
