// Retention cohorts: customers grouped by when they started, the first product they bought or the channel they came
// through, and the share of each group active again in each period after; as a triangle of cells shaded by that share
// (as Amplitude and Mixpanel draw it) and as retention curves. Suppressed cells read "< N" like every other count here.
import { $, api, channelInfo, count, h } from '../common.js';
import { draw, escapeHtml } from '../charts.js';
import { cell, colours, hiddenNote, labelColour, LEGEND_GRID, params, pct, run, showEmpty, wholeNumber } from './section.js';

const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const weekFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const CURVES = 8; // cohorts drawn as curves beside the overall one: the biggest

function cohortsQuery() {
  return {
    by: $('cohorts-by').value,
    period: $('cohorts-period').value,
    activity: $('cohorts-activity').value,
    from: $('cohorts-from').value || undefined,
    to: $('cohorts-to').value || undefined,
    periods: wholeNumber($('cohorts-periods')),
    minimumCount: wholeNumber($('cohorts-min')),
  };
}

export function runCohorts(userAsked) {
  const q = cohortsQuery();
  return run('cohorts', {
    busy: 'Following each cohort period by period…',
    failed: 'The retention cohorts could not be computed',
    userAsked,
    fetch: () => api(`/v1/analytics/cohorts${params(q)}`),
    render: ({ result }) => renderCohorts(result),
  });
}

// A cohort's name as a reader says it: "Mar 2026", "Week of 2 Mar 2026", a channel's label, a product's SKU.
function cohortName(r, name) {
  if (name === 'all') return 'All cohorts';
  if (r.by === 'CHANNEL') return channelInfo(name).label;
  if (r.by !== 'FIRST_MONTH') return name;
  return r.period === 'WEEK' ? `Week of ${weekFmt.format(new Date(`${name}T00:00:00Z`))}` : monthFmt.format(new Date(`${name}-01T00:00:00Z`));
}

/**
 * One cell of the triangle: the share, shaded by it; suppressed as every hidden count on the page. A period still
 * running is marked, except in the overall row, where the latest cohorts make every column's last figure a running one.
 */
function heatCell(x, min, overall) {
  if (x.suppressed) return cell(null, min);
  const running = x.partial && !overall;
  const title = `${count(x.retained)} of ${count(x.customers)} customers${x.partial ? ' so far: the period is still running' : ''}`;
  return h('td', {
    class: `heat${x.rate > 0.55 ? ' strong' : ''}${running ? ' partial' : ''}`, style: `--share: ${x.rate}`, title, 'data-period': x.period,
  }, pct(x.rate), running ? '*' : null);
}

function renderCohorts(r) {
  const min = r.minimumCount;
  if (r.cohorts.length === 0) {
    return showEmpty('cohorts', r.by === 'PRODUCT'
      ? 'No customer bought a named product in this period, so there is no product cohort. Widen the dates.'
      : 'No customer started in this period. Widen the dates.');
  }
  const unit = r.period === 'WEEK' ? 'Week' : 'Month';
  const width = r.overall.cells.length;
  const columns = Array.from({ length: width }, (_, k) => `${unit} ${k}`);
  const rows = [r.overall, ...r.cohorts];
  $('cohorts-table').replaceChildren(h('caption', null, `Share of each cohort active in each ${unit.toLowerCase()} after its start`),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Cohort'), h('th', { scope: 'col' }, 'Customers'),
      columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows.map((c) => h('tr', { class: c === r.overall ? 'cohort-overall' : null, 'data-cohort': c.cohort },
      h('th', { scope: 'row' }, cohortName(r, c.cohort)), cell(c.customers, min, c.suppressed),
      columns.map((_, k) => (k < c.cells.length ? heatCell(c.cells[k], min, c === r.overall) : h('td', { class: 'not-yet' })))))));
  $('cohorts-note').textContent = `${r.activity === 'PURCHASE' ? 'Active means a purchase' : 'Active means any interaction'}; `
    + `${unit.toLowerCase()} 0 is the start's own; all cohorts count each ${unit.toLowerCase()} over the cohorts that have reached it. `
    + `* still running: the data ends ${r.dataEnd ? r.dataEnd.slice(0, 10) : 'here'}. Fewer than ${min} customers are hidden, shown as < ${min}.`;

  const curves = [...r.cohorts].sort((a, b) => (b.customers || 0) - (a.customers || 0)).slice(0, CURVES);
  const share = (c) => columns.map((_, k) => (k < c.cells.length && c.cells[k].rate !== null ? Math.round(c.cells[k].rate * 1000) / 10 : null));
  const shown = [r.overall, ...curves];
  draw('cohorts-chart', `Retention curves: share active ${unit.toLowerCase()} by ${unit.toLowerCase()} after the start`, {
    title: { subtext: r.cohorts.length > curves.length ? `All cohorts and the ${curves.length} biggest of ${r.cohorts.length}` : 'All cohorts and each cohort' },
    grid: LEGEND_GRID,
    legend: { type: 'scroll', bottom: 4 },
    tooltip: {
      trigger: 'axis', confine: true, formatter: (items) => [`<strong>${escapeHtml(items[0].name)}</strong>`, ...items.map((i) => {
        const x = shown[i.seriesIndex].cells[i.dataIndex];
        if (!x) return null;
        return `${i.marker}${escapeHtml(i.seriesName)}: ${x.suppressed ? hiddenNote(min) : `${pct(x.rate)} (${count(x.retained)} of ${count(x.customers)})`}`;
      })].filter(Boolean).join('<br>'),
    },
    xAxis: { type: 'category', data: columns, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, name: '% active', nameTextStyle: { align: 'left' }, axisLabel: { formatter: '{value} %' } },
    series: shown.map((c, i) => ({
      name: cohortName(r, c.cohort), type: 'line', data: share(c), connectNulls: false, symbolSize: i === 0 ? 7 : 4,
      lineStyle: { width: i === 0 ? 3.5 : 1.5 }, itemStyle: { color: i === 0 ? colours().p50 : labelColour(c.cohort) }, z: i === 0 ? 3 : 2,
    })),
  });
  return 'ready';
}
