// Touchline analytics: the measured uplift of each next best action, per segment, with its 95 % interval.
// Its own module, imported by analytics.js: it reads one aggregate route (/v1/next-best-actions/uplift) and fills the
// #uplift section; nothing here names or fetches a customer.
import { $, api, h, humanise } from '../common.js';
import { run } from './section.js';

const percent = (x) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);
const points = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}`;
const whole = new Intl.NumberFormat(undefined);

const EMPTY = 'No outcome of a next best action has been recorded yet. Record what customers answered with '
  + 'POST /v1/recommendations/{entry}/outcome: each action\'s uplift (acceptance when offered, against the customers '
  + 'held out of it) shows here per segment.';

// The interval as a bar on a common scale, zero marked: an interval clear of zero is an effect that was measured.
function intervalBar(row, lo, hi) {
  const width = 220, height = 18, x = (v) => ((v - lo) / (hi - lo)) * width;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('class', 'uplift-bar');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `95 % interval ${points(row.low)} to ${points(row.high)} points`);
  const add = (tag, attrs) => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    svg.append(el);
  };
  add('line', { x1: x(0), x2: x(0), y1: 0, y2: height, stroke: 'currentColor', 'stroke-opacity': 0.4, 'stroke-dasharray': '2 2' });
  const clear = row.low > 0 || row.high < 0;
  add('line', { x1: x(row.low), x2: x(row.high), y1: height / 2, y2: height / 2, stroke: clear ? '#2e7d32' : '#8a8a8a', 'stroke-width': 4, 'stroke-linecap': 'round' });
  add('circle', { cx: x(row.uplift), cy: height / 2, r: 4, fill: 'currentColor' });
  return svg;
}

function render(answer) {
  const section = $('uplift');
  const rows = (answer.uplift || []);
  const note = $('uplift-note');
  note.textContent = answer.arbitration === 'uplift'
    ? `Arbitration ranks by measured uplift × value × weight once each group of an action and segment holds ${whole.format(answer.minOutcomes)} answers (catalogue ${answer.catalogue}).`
    : `Arbitration ranks by propensity × value × weight × acceptance (catalogue ${answer.catalogue}); set uplift.arbitration: uplift in next-best-actions.yaml to rank by measured uplift once each group holds ${whole.format(answer.minOutcomes)} answers.`;
  const table = $('uplift-table');
  table.replaceChildren();
  if (rows.length === 0) {
    const empty = section.querySelector('.empty-state');
    empty.textContent = EMPTY;
    empty.hidden = false;
    table.hidden = true;
    return 'empty';
  }
  const shown = rows.filter((r) => r.uplift !== null);
  const lo = Math.min(0, ...shown.map((r) => r.low)) - 0.02, hi = Math.max(0, ...shown.map((r) => r.high)) + 0.02;
  table.append(h('caption', null, 'Uplift = accepted when offered − accepted anyway when held out; 95 % interval (Newcombe, from Wilson score intervals).'),
    h('thead', null, h('tr', null, ...['Action', 'Segment', 'Offered: accepted', 'Held out: accepted', 'Uplift (points)', '95 % interval', '']
      .map((t) => h('th', { scope: 'col' }, t)))));
  const body = h('tbody');
  for (const r of rows) {
    const pooled = r.segment === 'all segments';
    body.append(h('tr', { 'data-action': r.action, 'data-segment': r.segment, class: pooled ? 'uplift-pooled' : null },
      h('th', { scope: 'row' }, humanise(r.action)),
      h('td', null, r.segment),
      h('td', { class: 'num' }, `${percent(r.offeredRate)} of ${whole.format(r.offered)}`),
      h('td', { class: 'num' }, `${percent(r.heldOutRate)} of ${whole.format(r.heldOut)} (${percent(r.holdoutShare)} held out)`),
      h('td', { class: 'num', 'data-testid': 'uplift-value' }, r.uplift === null ? '—' : points(r.uplift)),
      h('td', { class: 'num', 'data-testid': 'uplift-interval' }, r.uplift === null ? 'needs answers from both groups' : `${points(r.low)} to ${points(r.high)}`),
      h('td', null, r.uplift === null ? null : intervalBar(r, lo, hi))));
  }
  table.append(body);
  table.hidden = false;
  return 'ready';
}

// A module runs after the document is parsed, like a deferred script.
if ($('uplift')) {
  run('uplift', {
    busy: 'Measuring uplift against the hold-out groups…', failed: 'The uplift could not be measured',
    fetch: () => api('/v1/next-best-actions/uplift'), render, needsAudience: false,
  });
}
