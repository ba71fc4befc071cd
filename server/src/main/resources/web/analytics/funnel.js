// The funnel: customers (or households) entering each step within a window of the step before, split by a dimension.
import { $, api, count, h, humanise, tableHead } from '../common.js';
import { draw, escapeHtml } from '../charts.js';
import {
  cell, colours, duration, hiddenNote, labelColour, options, pct, run, showEmpty, valuesOf, wholeNumber,
} from './section.js';

export const DEFAULT_STEPS = [
  { name: 'Aware', kind: 'stages', value: 'awareness' },
  { name: 'Interested', kind: 'stages', value: 'interest', windowDays: 30 },
  { name: 'Considering', kind: 'stages', value: 'consideration', windowDays: 30 },
  { name: 'Decided', kind: 'stages', value: 'decision', windowDays: 30 },
];
const MAX_STEPS = 12; // the engine's limit
const MATCH_KINDS = [['stages', 'Stage'], ['types', 'Type'], ['channels', 'Channel'], ['products', 'Product'], ['sources', 'Source']];

let stepIds = 0;

function stepRow(step) {
  const n = ++stepIds;
  const kind = h('select', { class: 'step-kind', id: `step-${n}-kind` }, MATCH_KINDS.map(([v, label]) => h('option', { value: v }, label)));
  kind.value = step.kind;
  const value = h('select', { class: 'step-value', id: `step-${n}-value` });
  options(value, valuesOf(step.kind), step.value);
  kind.addEventListener('change', () => options(value, valuesOf(kind.value)));
  const row = h('li', { class: 'step', 'data-testid': 'funnel-step' },
    h('span', { class: 'step-num', 'aria-hidden': 'true' }),
    h('input', { type: 'text', class: 'step-name', value: step.name, maxlength: 40, spellcheck: 'false' }),
    kind, value,
    h('span', { class: 'step-window-wrap' },
      h('span', { class: 'step-window-text', 'aria-hidden': 'true' }, 'Within'),
      h('input', { type: 'number', class: 'step-window', min: 1, max: 3660, step: 1, value: step.windowDays === undefined ? 30 : step.windowDays, placeholder: '30' }),
      h('span', { class: 'step-window-text', 'aria-hidden': 'true' }, 'days of the step before')),
    h('button', { type: 'button', class: 'icon-btn step-remove', onclick: () => { row.remove(); renumberSteps(); } },
      h('span', { 'aria-hidden': 'true' }, '✕')));
  return row;
}

function renumberSteps() {
  const rows = [...$('funnel-steps').children];
  rows.forEach((row, k) => {
    const n = k + 1;
    row.querySelector('.step-num').textContent = String(n);
    row.querySelector('.step-name').setAttribute('aria-label', `Step ${n} name`);
    row.querySelector('.step-name').dataset.field = `funnel.steps[${k}].name`;
    row.querySelector('.step-kind').setAttribute('aria-label', `Step ${n} matched by`);
    const value = row.querySelector('.step-value');
    value.setAttribute('aria-label', `Step ${n} value`);
    value.dataset.field = `funnel.steps[${k}]`;
    const win = row.querySelector('.step-window');
    win.disabled = k === 0; // the first step has no step before it to be within
    win.setAttribute('aria-label', k === 0 ? 'Step 1 has no window: it starts the funnel' : `Step ${n} within days of step ${k}`);
    win.dataset.field = `funnel.steps[${k}].windowDays`;
    win.placeholder = k === 0 ? '–' : '30';
    if (k === 0) win.value = '';
    else if (win.value === '') win.value = '30';
    const remove = row.querySelector('.step-remove');
    remove.setAttribute('aria-label', `Remove step ${n}`);
    remove.disabled = rows.length <= 1;
  });
  $('funnel-add').disabled = rows.length >= MAX_STEPS;
}

export function addStep(step) {
  $('funnel-steps').append(stepRow(step));
  renumberSteps();
}

function funnelQuery() {
  const steps = [...$('funnel-steps').children].map((row, k) => {
    const step = { name: row.querySelector('.step-name').value.trim() || `Step ${k + 1}` };
    step[row.querySelector('.step-kind').value] = [row.querySelector('.step-value').value].filter(Boolean);
    if (k > 0) step.windowDays = wholeNumber(row.querySelector('.step-window'));
    return step;
  });
  return {
    steps,
    from: $('funnel-from').value || undefined,
    to: $('funnel-to').value || undefined,
    split: $('funnel-split').value,
    unit: $('funnel-unit').value,
    minimumCount: wholeNumber($('funnel-min')),
  };
}

export function runFunnel(userAsked) {
  const query = funnelQuery();
  return run('funnel', {
    busy: 'Counting customers step by step…',
    failed: 'The funnel could not be computed',
    userAsked,
    fetch: () => api('/v1/analytics/funnel', { method: 'POST', body: query }),
    render: ({ result }) => renderFunnel(result, query),
  });
}

function renderFunnel(r, query) {
  const unit = query.unit === 'household' ? 'Households' : 'Customers';
  const min = r.minimumCount;
  const steps = r.steps;
  if (steps[0].entered === 0) return showEmpty('funnel', 'Nobody reached the first step in this period. Choose another first step or widen the dates.');
  const c = colours();
  draw('funnel-chart', `${unit} entering each step`, {
    title: { subtext: `Of ${count(r.unitsInScope)} in scope · conversion from the step before · time from the step before (p50 / p90)` },
    grid: { left: 16, right: 28, top: 74, bottom: 30, containLabel: true },
    tooltip: {
      trigger: 'axis', confine: true, formatter: (items) => {
        const s = steps[items[0].dataIndex];
        if (s.suppressed) return `<strong>${escapeHtml(s.name)}</strong><br>${hiddenNote(min)}`;
        return [`<strong>${escapeHtml(s.name)}</strong>`, `${count(s.entered)} entered`,
          s.conversion === null ? null : `${pct(s.conversion)} of the step before, ${pct(s.overallConversion)} of step 1`,
          s.droppedOff === null ? null : `${count(s.droppedOff)} went no further`,
          s.p50Seconds === null ? null : `after ${duration(s.p50Seconds)} (p50), ${duration(s.p90Seconds)} (p90)`].filter(Boolean).join('<br>');
      },
    },
    xAxis: {
      type: 'category', data: steps.map((s) => s.name),
      axisLabel: {
        interval: 0, formatter: (name, k) => (steps[k] && steps[k].p50Seconds !== null
          ? `{n|${name}}\n{t|${duration(steps[k].p50Seconds)} / ${duration(steps[k].p90Seconds)}}` : `{n|${name}}\n{t|start}`),
        rich: { n: { fontWeight: 600, lineHeight: 18 }, t: { color: c.muted, fontSize: 11, lineHeight: 16 } },
      },
    },
    yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
    series: [{
      name: 'Entered', type: 'bar', data: steps.map((s) => s.entered), barMaxWidth: 80, itemStyle: { color: c.p50, borderRadius: [4, 4, 0, 0] },
      label: {
        show: true, position: 'top', formatter: (p) => {
          const s = steps[p.dataIndex];
          return s.entered === null ? 'hidden' : s.conversion === null ? count(s.entered) : `${count(s.entered)} · ${pct(s.conversion)}`;
        },
      },
    }],
  });

  $('funnel-table').replaceChildren(h('caption', null, 'Step by step'),
    tableHead('Step', 'Entered', 'Went no further', 'From step before', 'From step 1', 'Time p50', 'Time p90'),
    h('tbody', null, steps.map((s) => h('tr', null, h('th', { scope: 'row' }, s.name),
      cell(s.entered, min, s.suppressed), cell(s.droppedOff, min, s.suppressed), h('td', null, pct(s.conversion)), h('td', null, pct(s.overallConversion)),
      h('td', null, duration(s.p50Seconds)), h('td', null, duration(s.p90Seconds))))));

  const groups = r.groups || [];
  const splitChart = $('funnel-split-chart');
  const splitTable = $('funnel-split-table').parentElement;
  if (r.split === 'NONE' || groups.length === 0) {
    splitChart.hidden = true;
    splitTable.hidden = true;
    return 'ready';
  }
  splitChart.hidden = false;
  splitTable.hidden = false;
  const splitName = humanise(r.split).toLowerCase();
  const shown = groups.slice(0, 8);
  draw('funnel-split-chart', `${unit} entering each step, by ${splitName}`, {
    title: { subtext: groups.length > shown.length ? `The ${shown.length} biggest of ${groups.length}; the table lists all` : `${groups.length} values` },
    grid: { left: 16, right: 28, top: 74, bottom: 56, containLabel: true },
    legend: { type: 'scroll', bottom: 6 },
    xAxis: { type: 'category', data: steps.map((s) => s.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
    series: shown.map((g) => ({
      name: humanise(g.value), type: 'bar', data: g.steps.map((s) => s.entered), barMaxWidth: 18,
      itemStyle: { color: labelColour(g.value) },
    })),
  });
  $('funnel-split-table').replaceChildren(h('caption', null, `Entered per step, by ${splitName}`),
    tableHead(humanise(r.split), steps.map((s) => s.name), 'Overall'),
    h('tbody', null, groups.map((g) => h('tr', null, h('th', { scope: 'row' }, humanise(g.value)),
      g.steps.map((s) => cell(s.entered, min, s.suppressed)), h('td', null, pct(g.steps[g.steps.length - 1].overallConversion))))));
  return 'ready';
}
