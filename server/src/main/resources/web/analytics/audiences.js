// Touchline analytics: audiences (segments) with their size now and their size at the end of each of the last 30
// days. Its own module, imported by analytics.js: it reads the aggregate routes /v1/audiences and
// /v1/audiences/{name}/sizes and fills the #audiences section; members are not fetched here.
import { $, api, h } from '../common.js';
import { run } from './section.js';
import { draw } from '../charts.js';

const whole = new Intl.NumberFormat(undefined);

const EMPTY = 'No audience is defined yet. Define one with touchline audiences define NAME --rule \'customer.last30d.channels.web >= 3\' '
  + '(or POST /v1/audiences): its size and its trend show here.';

function renderAudiences(audiences, series) {
  const section = $('audiences');
  const table = $('audiences-table');
  table.replaceChildren();
  if (audiences.length === 0) {
    const empty = section.querySelector('.empty-state');
    empty.textContent = EMPTY;
    empty.hidden = false;
    table.hidden = true;
    $('audiences-chart').hidden = true;
    return 'empty';
  }
  table.append(h('caption', null, 'Members now, and the change over the 30 days shown in the chart.'),
    h('thead', null, h('tr', null, ...['Audience', 'Rule', 'Members', 'Change over 30 days']
      .map((t) => h('th', { scope: 'col' }, t)))));
  const body = h('tbody');
  for (const a of audiences) {
    const days = series.get(a.name) || [];
    const change = days.length ? days[days.length - 1].size - days[0].size : 0;
    body.append(h('tr', { 'data-audience': a.name },
      h('th', { scope: 'row' }, a.name, a.description ? h('small', null, ` · ${a.description}`) : null),
      h('td', null, h('code', null, a.rule)),
      h('td', { class: 'num', 'data-testid': 'audience-size' }, whole.format(a.size), a.evaluating ? ' (evaluating every customer…)' : ''),
      h('td', { class: 'num', 'data-testid': 'audience-change' }, `${change >= 0 ? '+' : '−'}${whole.format(Math.abs(change))}`)));
  }
  table.append(body);
  table.hidden = false;
  const chart = $('audiences-chart');
  chart.hidden = false;
  const first = series.values().next().value || [];
  draw('audiences-chart', 'Audience sizes at the end of each day', {
    legend: { bottom: 8, type: 'scroll' },
    xAxis: { type: 'category', data: first.map((d) => d.day) },
    yAxis: { type: 'value', name: 'members', minInterval: 1 },
    series: audiences.map((a) => ({ name: a.name, type: 'line', showSymbol: false, data: (series.get(a.name) || []).map((d) => d.size) })),
  });
  return 'ready';
}

// Every audience with its daily sizes: one aggregate read for the list, one for each audience's series.
async function readAudiences() {
  const audiences = (await api('/v1/audiences')).items || [];
  const series = new Map();
  for (const a of audiences) series.set(a.name, (await api(`/v1/audiences/${encodeURIComponent(a.name)}/sizes`)).items || []);
  return { audiences, series };
}

// A module runs after the document is parsed, like a deferred script; the charts library loads before it (defer).
if ($('audiences')) {
  run('audiences', {
    busy: 'Reading the audiences and their sizes…', failed: 'The audiences could not be read',
    fetch: readAudiences, render: ({ audiences, series }) => renderAudiences(audiences, series), needsAudience: false,
  });
}
