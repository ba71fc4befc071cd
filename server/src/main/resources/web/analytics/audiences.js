// Touchline analytics: audiences (segments) with their size now and their size at the end of each of the last 30
// days. Its own module, imported by analytics.js: it reads the aggregate routes /v1/audiences and
// /v1/audiences/{name}/sizes and fills the #audiences section; members are not fetched here.
import { $, ApiError, api, h } from '../common.js';
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

async function runAudiences() {
  const section = $('audiences');
  if (!section) return;
  const status = section.querySelector('.section-status'), alert = section.querySelector('.alert');
  section.dataset.state = 'loading';
  section.setAttribute('aria-busy', 'true');
  status.textContent = 'Reading the audiences and their sizes…';
  alert.hidden = true;
  section.querySelector('.empty-state').hidden = true;
  let outcome;
  try {
    const audiences = (await api('/v1/audiences')).items || [];
    const series = new Map();
    for (const a of audiences) series.set(a.name, (await api(`/v1/audiences/${encodeURIComponent(a.name)}/sizes`)).items || []);
    outcome = renderAudiences(audiences, series);
  } catch (e) {
    const message = e instanceof ApiError ? e.message : `Something went wrong on this page: ${e.message}`;
    alert.replaceChildren(h('p', { class: 'alert-title' }, 'The audiences could not be read'), h('p', { class: 'alert-text', 'data-testid': 'error-text' }, message));
    alert.hidden = false;
    outcome = 'error';
  } finally {
    section.setAttribute('aria-busy', 'false');
    status.textContent = '';
  }
  section.dataset.state = outcome;
}

// A module runs after the document is parsed, like a deferred script; the charts library loads before it (defer).
runAudiences();
