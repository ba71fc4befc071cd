// Touchline journey analytics: funnels, paths, lead times, journeys, products, co-churn, demand and models.
// Charts by ECharts through charts.js. Talks only to the node's aggregate routes (/v1/analytics/*, /v1/demand/*,
// /v1/models): nothing on this page names or fetches a customer. Native ES module, no build step.
import {
  $, api, ApiError, CHANNELS, count, dateFmt, dateTimeFmt, h, humanise, relative, sentence, withCode,
} from './common.js';
import { chart, chartsLoaded, chartsMissing, dark, disposeChart, draw, escapeHtml, existingChart, palette, css } from './charts.js';

const STAGES = ['awareness', 'interest', 'consideration', 'decision', 'upsell_cross_sell', 'support', 'retention', 'advocacy'];
const DEFAULT_STEPS = [
  { name: 'Aware', kind: 'stages', value: 'awareness' },
  { name: 'Interested', kind: 'stages', value: 'interest', windowDays: 30 },
  { name: 'Considering', kind: 'stages', value: 'consideration', windowDays: 30 },
  { name: 'Decided', kind: 'stages', value: 'decision', windowDays: 30 },
];
const MAX_STEPS = 12; // the engine's limit
const MATCH_KINDS = [['stages', 'Stage'], ['types', 'Type'], ['channels', 'Channel'], ['products', 'Product'], ['sources', 'Source']];
const NO_AUDIENCE = 'No customer allows analytics yet: consents are recorded with `touchline consent CUSTOMER analytics granted --channel web`. '
  + 'Refresh the snapshot once some have.';

const state = {
  snapshot: null,
  vocabulary: { channels: [], types: [], sources: [], products: [], segments: [] },
  runs: new Map(), // section id -> sequence number of its latest run, to drop superseded answers
};

const pctFmt = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const dec2 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const slotFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

const pct = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : pctFmt.format(x));
const days = (seconds) => (seconds === null || seconds === undefined ? null : Math.round(seconds / 8640) / 10);

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const hours = seconds / 3600;
  if (hours < 1) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

const isoDay = (d) => d.toISOString().slice(0, 10);

// A number input's value: a whole number, the raw text when it is not one (so the server names the field), or
// undefined when empty (the server's default).
function wholeNumber(input) {
  const v = input.value.trim();
  if (v === '') return input.validity && input.validity.badInput ? input.value : undefined;
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

function params(obj) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// ---------- charts ----------
const STAGE_COLOURS_LIGHT = ['#0e7490', '#1d4ed8', '#6d28d9', '#047857', '#a16207', '#b42318', '#be185d', '#3f6212'];
const STAGE_COLOURS_DARK = ['#67d5ec', '#8fb2ff', '#c4a8ff', '#5fd39a', '#f5c26b', '#ff8a80', '#ff9cc8', '#b5e07a'];
const colours = () => ({
  p50: dark ? '#8fb2ff' : '#1d4ed8',
  p90: dark ? '#3b5ea8' : '#9db8f2',
  text: css('--text') || '#17202b',
  muted: css('--text-3') || '#5f6b7a',
  ok: css('--ok') || '#067647',
  warn: css('--warn') || '#9a5b00',
  danger: css('--danger') || '#b42318',
});

function labelColour(label) {
  const stage = STAGES.indexOf(label);
  if (stage >= 0) return (dark ? STAGE_COLOURS_DARK : STAGE_COLOURS_LIGHT)[stage];
  if (label in CHANNELS) return css(`--c-${label}`);
  const p = palette(); // types and products: a stable colour from the name
  let x = 0;
  for (const ch of String(label)) x = (x * 31 + ch.charCodeAt(0)) >>> 0;
  return p[x % p.length];
}

// Room at the bottom for an axis name and a legend under it.
const LEGEND_GRID = { left: 16, right: 28, top: 74, bottom: 68, containLabel: true };

function sizeByRows(id, rows, min = 300) {
  $(id).style.height = `${Math.max(min, 110 + rows * 26)}px`;
}

const hiddenNote = (min) => `hidden: fewer than ${min}`;
const p50p90Series = (rows, get) => [
  { name: 'Median (p50)', type: 'bar', data: rows.map((r) => days(get(r).p50Seconds)), itemStyle: { color: colours().p50 }, barMaxWidth: 22 },
  { name: '90th percentile (p90)', type: 'bar', data: rows.map((r) => days(get(r).p90Seconds)), itemStyle: { color: colours().p90 }, barMaxWidth: 22 },
];

function distributionTooltip(rows, get, min, what) {
  return (items) => {
    const r = rows[items[0].dataIndex];
    const d = get(r);
    const head = `<strong>${escapeHtml(items[0].name)}</strong>`;
    if (d.suppressed) return `${head}<br>${hiddenNote(min)} ${what}`;
    return `${head}<br>${count(d.count)} ${what}<br>p50 ${duration(d.p50Seconds)} · p90 ${duration(d.p90Seconds)}`;
  };
}

// ---------- sections: progress, errors, empty states ----------
function parts(id) {
  const s = $(id);
  return { s, status: s.querySelector('.section-status'), alert: s.querySelector('.alert'), empty: s.querySelector('.empty-state') };
}

function showEmpty(id, text) {
  const p = parts(id);
  p.empty.replaceChildren(...withCode(text));
  p.empty.hidden = false;
  return 'empty';
}

// Runs one section's query: shows progress, drops a superseded answer, then renders it, an empty state or the error.
async function run(id, { busy, failed, fetch: fetchIt, render, userAsked = false, needsAudience = true }) {
  const seq = (state.runs.get(id) || 0) + 1;
  state.runs.set(id, seq);
  const p = parts(id);
  p.s.setAttribute('aria-busy', 'true');
  p.s.dataset.state = 'loading';
  p.status.textContent = busy;
  p.alert.hidden = true;
  p.empty.hidden = true;
  for (const c of p.s.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const charts = [...p.s.querySelectorAll('.chart')].map((el) => existingChart(el.id)).filter(Boolean);
  for (const c of charts) c.showLoading({ text: '', color: colours().p50, maskColor: 'rgba(127,127,127,0.08)' });
  let outcome;
  try {
    const answer = await fetchIt();
    if (state.runs.get(id) !== seq) return;
    if (answer && answer.snapshot) noteSnapshot(answer.snapshot);
    outcome = needsAudience && answer && answer.snapshot && answer.snapshot.customers === 0 ? showEmpty(id, NO_AUDIENCE) : render(answer);
  } catch (e) {
    if (state.runs.get(id) !== seq) return;
    showSectionError(id, failed, e, userAsked);
    outcome = 'error';
  } finally {
    if (state.runs.get(id) === seq) {
      for (const c of charts) c.hideLoading();
      p.s.setAttribute('aria-busy', 'false');
      p.status.textContent = '';
    }
  }
  if (state.runs.get(id) === seq) p.s.dataset.state = outcome || 'ready';
}

function showSectionError(id, failed, e, userAsked) {
  const p = parts(id);
  const message = e instanceof ApiError ? e.message : `Something went wrong on this page: ${e.message}`;
  const control = e instanceof ApiError && e.status >= 400 && e.status < 500 ? fieldNamed(p.s, message) : null;
  const title = control ? `${failed}: check “${labelOf(control)}”` : failed;
  p.alert.id = p.alert.id || `${id}-error`;
  p.alert.replaceChildren(h('p', { class: 'alert-title' }, title), h('p', { class: 'alert-text', 'data-testid': 'error-text' }, message));
  p.alert.hidden = false;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), p.alert.id].filter(Boolean).join(' '));
    if (userAsked) control.focus();
  }
}

// The form control a server message is about: the longest data-field named in it as a whole word.
function fieldNamed(section, message) {
  let best = null;
  for (const c of section.querySelectorAll('[data-field]')) {
    const f = c.dataset.field;
    const escaped = f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^\\w.\\[])${escaped}(?![\\w\\[])`).test(message) && (!best || f.length > best.dataset.field.length)) best = c;
  }
  return best;
}

function labelOf(control) {
  if (control.labels && control.labels.length) return control.labels[0].textContent.trim();
  return control.getAttribute('aria-label') || control.id;
}

// ---------- 1. snapshot ----------
function noteSnapshot(s) {
  if (!state.snapshot || s.builtAt > state.snapshot.builtAt) renderSnapshot(s);
}

function renderSnapshot(s) {
  state.snapshot = s;
  $('snap-customers').textContent = count(s.customers);
  $('snap-touches').textContent = count(s.touches);
  $('snap-entries').textContent = count(s.entries);
  const first = s.first ? new Date(s.first) : null;
  const last = s.last ? new Date(s.last) : null;
  $('snap-period').textContent = first && last ? `${dateFmt.format(first)} – ${dateFmt.format(last)}` : 'no interactions yet';
  const built = new Date(s.builtAt);
  $('snap-built').textContent = `${relative(built)} · in ${(s.buildMillis / 1000).toFixed(1)} s`;
  $('snap-built').title = dateTimeFmt.format(built);
  $('no-audience').hidden = s.customers !== 0;
  $('snapshot').dataset.state = 'ready';
}

async function loadSnapshot() {
  try {
    renderSnapshot((await api('/v1/analytics/snapshot')).snapshot);
    $('snapshot-error').hidden = true;
  } catch (e) {
    $('snapshot-error').replaceChildren(h('p', { class: 'alert-title' }, 'The analytics snapshot could not be loaded'), h('p', { class: 'alert-text' }, e.message));
    $('snapshot-error').hidden = false;
    $('snapshot').dataset.state = 'error';
  }
}

async function refresh() {
  const button = $('refresh-button');
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  $('snapshot').classList.add('is-refreshing');
  $('refresh-status').textContent = 'Rebuilding the snapshot from the ledger…';
  try {
    renderSnapshot((await api('/v1/analytics/refresh', { method: 'POST' })).snapshot);
    $('snapshot-error').hidden = true;
    $('refresh-status').textContent = 'Snapshot rebuilt. Updating every section…';
    await loadVocabulary();
    await runAll();
    $('refresh-status').textContent = `Up to date: ${count(state.snapshot.entries)} entries.`;
  } catch (e) {
    $('snapshot-error').replaceChildren(h('p', { class: 'alert-title' }, 'The snapshot could not be rebuilt'), h('p', { class: 'alert-text' }, e.message));
    $('snapshot-error').hidden = false;
    $('refresh-status').textContent = '';
  } finally {
    button.disabled = false;
    button.setAttribute('aria-busy', 'false');
    $('snapshot').classList.remove('is-refreshing');
  }
}

async function loadVocabulary() {
  try {
    state.vocabulary = (await api('/v1/analytics/vocabulary')).result;
  } catch (_) {
    // Pickers then offer stages only; the sections show the server's error when they run.
  }
  fillPickers();
}

function options(select, values, chosen) {
  const keep = chosen !== undefined ? chosen : select.value;
  select.replaceChildren(...values.map((v) => h('option', { value: v }, STAGES.includes(v) || v.includes('_') ? humanise(v) : v)));
  if (values.includes(keep)) select.value = keep;
}

function valuesOf(kind) {
  if (kind === 'stages') return STAGES;
  return state.vocabulary[kind] || [];
}

function fillPickers() {
  for (const row of $('funnel-steps').children) options(row.querySelector('.step-value'), valuesOf(row.querySelector('.step-kind').value));
  options($('paths-anchor-value'), valuesOf($('paths-anchor-kind').value));
  options($('product-sku'), state.vocabulary.products || []);
  const s = state.snapshot;
  if (s && s.first && !$('funnel-from').value) $('funnel-from').value = s.first.slice(0, 10);
  if (s && s.last && !$('funnel-to').value) $('funnel-to').value = isoDay(new Date(Date.parse(s.last.slice(0, 10)) + 86400000));
}

// ---------- 2. funnel ----------
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

function addStep(step) {
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

function runFunnel(userAsked) {
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
    h('thead', null, h('tr', null, ['Step', 'Entered', 'Went no further', 'From step before', 'From step 1', 'Time p50', 'Time p90'].map((t) => h('th', { scope: 'col' }, t)))),
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
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, humanise(r.split)), steps.map((s) => h('th', { scope: 'col' }, s.name)), h('th', { scope: 'col' }, 'Overall'))),
    h('tbody', null, groups.map((g) => h('tr', null, h('th', { scope: 'row' }, humanise(g.value)),
      g.steps.map((s) => cell(s.entered, min, s.suppressed)), h('td', null, pct(g.steps[g.steps.length - 1].overallConversion))))));
  return 'ready';
}

// A count; null is "fewer than the minimum" only where the engine suppressed it, else there is nothing to count.
function cell(n, min, suppressed = true) {
  if (n !== null && n !== undefined) return h('td', null, count(n));
  return suppressed ? h('td', { class: 'hidden-count', title: hiddenNote(min) }, `< ${min}`) : h('td', null, '–');
}

// ---------- 3. paths ----------
const NODE_NAME = /^([+-]?\d+) (.*)$/;
const nodeLabel = (name) => { const m = NODE_NAME.exec(name); return m ? m[2] : name; };
const nodePlace = (name) => {
  const m = NODE_NAME.exec(name);
  const k = m ? Number(m[1]) : 0;
  return k === 0 ? 'the anchor' : k < 0 ? `${-k} touch${k === -1 ? '' : 'es'} before` : `${k} touch${k === 1 ? '' : 'es'} after`;
};
const pathText = (label) => (STAGES.includes(label) || label.includes('_') ? humanise(label) : label);

function pathsQuery() {
  const kind = $('paths-anchor-kind').value;
  return {
    anchor: { [kind]: [$('paths-anchor-value').value].filter(Boolean) },
    by: $('paths-by').value,
    direction: $('paths-direction').value,
    windowDays: wholeNumber($('paths-window')),
    depth: wholeNumber($('paths-depth')),
    minimumCount: wholeNumber($('paths-min')),
  };
}

function runPaths(userAsked) {
  const query = pathsQuery();
  const anchorText = pathText($('paths-anchor-value').value || 'anchor');
  return run('paths', {
    busy: 'Following paths around the anchor…',
    failed: 'The paths could not be computed',
    userAsked,
    fetch: () => api('/v1/analytics/paths', { method: 'POST', body: query }),
    render: ({ result }) => renderPaths(result, anchorText),
  });
}

function renderPaths(r, anchorText) {
  const min = r.minimumCount;
  if (!r.anchored) {
    return showEmpty('paths', r.anchored === null ? `Fewer than ${min} customers had “${anchorText}”: their paths are hidden.`
      : `No customer had “${anchorText}” in this snapshot. Choose another anchor.`);
  }
  const listed = r.top.reduce((a, p) => a + p.units, 0);
  $('paths-note').textContent = `${count(r.anchored)} customers had “${anchorText}”. `
    + (r.otherUnits ? `${count(r.otherUnits)} of them took paths that fewer than ${min} customers shared; those paths are not listed.` : '')
    + (r.top.length === 0 ? '' : ` The ${r.top.length} most common paths cover ${count(listed)}.`);
  const nodes = r.sankey.nodes;
  if (nodes.length === 0) {
    chart('paths-chart').clear();
    $('paths-chart').hidden = true;
  } else {
    $('paths-chart').hidden = false;
    draw('paths-chart', `Flow around “${anchorText}”, by ${humanise(r.by).toLowerCase()}`, {
      title: { subtext: 'Columns: touches before, the anchor, touches after · width: customers' },
      tooltip: {
        trigger: 'item', confine: true, formatter: (p) => (p.dataType === 'edge'
          ? `${escapeHtml(pathText(nodeLabel(p.data.source)))} → ${escapeHtml(pathText(nodeLabel(p.data.target)))}<br>${count(p.data.value)} customers`
          : `<strong>${escapeHtml(pathText(nodeLabel(p.name)))}</strong>, ${nodePlace(p.name)}<br>${count(p.value)} customers`),
      },
      series: [{
        type: 'sankey', left: 16, right: 110, top: 72, bottom: 16, nodeAlign: 'justify', nodeGap: 10, draggable: false,
        emphasis: { focus: 'adjacency' },
        data: nodes.map((n) => ({ name: n.name, depth: n.depth, itemStyle: { color: labelColour(nodeLabel(n.name)) } })),
        links: r.sankey.links.map((l) => ({ source: l.source, target: l.target, value: l.value })),
        label: { formatter: (p) => pathText(nodeLabel(p.name)), fontSize: 12 },
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
      }],
    });
  }
  $('paths-table').replaceChildren(h('caption', null, 'Most common whole paths'),
    h('thead', null, h('tr', null, ['Path', 'Customers', 'Share'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, r.top.length ? r.top.map((p) => h('tr', null, h('td', { class: 'path' }, pathCells(p)), h('td', null, count(p.units)), h('td', null, pct(p.share))))
      : h('tr', null, h('td', { colspan: 3 }, `No single path was taken by ${min} or more customers. Look at fewer touches each side, or by stage.`))));
  return 'ready';
}

function pathCells(p) {
  const out = [];
  const add = (label, cls) => {
    if (out.length) out.push(h('span', { class: 'path-sep', 'aria-hidden': 'true' }, '→'));
    out.push(h('span', { class: cls }, pathText(label)));
  };
  if (!p.before.length) out.push(h('span', { class: 'path-sep' }, '(start)'));
  for (const l of p.before) add(l, 'path-step');
  add(p.anchor, 'path-anchor');
  for (const l of p.after) add(l, 'path-step');
  return out;
}

// ---------- 4. lead and cycle times ----------
function runFlow(userAsked) {
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

function tiles(id, items) {
  $(id).replaceChildren(...items.map(([label, value, note, tone]) => h('div', { class: `tile${tone ? ` ${tone}` : ''}` },
    h('dt', null, label), h('dd', null, value, note ? h('span', { class: 'tile-note' }, note) : null))));
}

// ---------- 5. journeys ----------
function runJourneys(userAsked) {
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

// ---------- 6. product ----------
function runProduct(userAsked) {
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
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Channel'), h('th', { scope: 'col' }, 'Buyers'), h('th', { scope: 'col' }, 'Share'))),
    h('tbody', null, r.buyersByChannel.map((x) => h('tr', null, h('th', { scope: 'row' }, humanise(x.key)), cell(x.units, min),
      h('td', null, x.units === null ? '–' : pct(x.units / r.buyers))))));
  return 'ready';
}

// ---------- 7. co-churn ----------
function runCoChurn(userAsked) {
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
    h('thead', null, h('tr', null, ['Group', 'Groups of 2+', 'Pairs', 'Followed within window', 'Rate in group', 'Base rate', 'Lift'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, r.kinds.map((k) => h('tr', { 'data-kind': k.kind }, h('th', { scope: 'row' }, KIND_TEXT[k.kind] || humanise(k.kind)),
      h('td', null, count(k.groupCount)), cell(k.pairs, r.minimumCount), cell(k.followed, r.minimumCount),
      h('td', null, pct(k.conditionalRate)), h('td', null, pct(k.baseRate)), h('td', { class: k.lift > 1 ? 'lift-up' : null }, lift(k.lift))))));
  const groups = r.kinds.flatMap((k) => k.groups.map((g) => ({ ...g, kind: k.kind })));
  const table = $('co-churn-groups');
  table.hidden = groups.length === 0;
  table.replaceChildren(h('caption', null, 'Groups with two or more close events (opaque ids)'),
    h('thead', null, h('tr', null, ['Group', 'Kind', 'Members', 'Closures (days after the first)'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, groups.map((g) => h('tr', null, h('th', { scope: 'row' }, g.id), h('td', null, KIND_TEXT[g.kind] || g.kind),
      h('td', null, count(g.size)), h('td', null, g.eventDays.map((d) => d.toFixed(0)).join(', '))))));
  return 'ready';
}

// ---------- 8. demand and staffing ----------
function demandQuery() {
  const level = wholeNumber($('demand-level'));
  const shrink = wholeNumber($('demand-shrinkage'));
  return {
    interval: $('demand-interval').value,
    days: wholeNumber($('demand-days')),
    // the page asks in per cent, the API in fractions; anything else goes as typed for the server to name
    serviceLevel: typeof level === 'number' ? level / 100 : level,
    answerSeconds: wholeNumber($('demand-answer')),
    shrinkage: typeof shrink === 'number' ? shrink / 100 : shrink,
    ahtSeconds: wholeNumber($('demand-aht')),
  };
}

function runDemand(userAsked) {
  const channel = $('demand-channel').value;
  const q = demandQuery();
  return run('demand', {
    busy: `Forecasting ${humanise(channel).toLowerCase()} contacts and planning staff…`,
    failed: 'The forecast could not be made',
    userAsked,
    needsAudience: false,
    fetch: () => api(`/v1/demand/${encodeURIComponent(channel)}${params(q)}`),
    render: (answer) => renderDemand(answer, q.interval),
  });
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
function axisSlot(start, interval) {
  const d = new Date(start);
  return interval === '1d' ? dayFmt.format(d) : `${dayFmt.format(d)}\n${timeFmt.format(d)}`;
}

// Hourly and quarter-hourly axes name each day once, at its first open slot.
function dayStarts(slots, interval) {
  if (interval === '1d') return slots.length > 14 ? 'auto' : 0;
  return (k) => k === 0 || slots[k].slice(0, 10) !== slots[k - 1].slice(0, 10);
}

function slotLabel(start, interval) {
  const d = new Date(start); // local wall-clock time of the channel's opening hours
  return interval === '1d' ? dayFmt.format(d) : slotFmt.format(d);
}

function renderDemand(a, interval) {
  const f = a.forecast.intervals;
  if (f.length === 0) return showEmpty('demand', `The ${humanise(a.channel).toLowerCase()} has no opening hours in the days asked for.`);
  const b = a.backtest;
  const c = colours();
  const beats = b.mase < b.seasonalNaiveMase && b.mase < b.fourWeekMeanMase;
  const peak = a.staffing ? a.staffing.intervals.reduce((m, s) => Math.max(m, s.scheduledStaff), 0) : null;
  tiles('demand-tiles', [
    ['History', count(a.contacts), `contacts, ${dateFmt.format(new Date(a.historyFrom))} – ${dateFmt.format(new Date(a.historyTo))}`],
    ['Forecast error (MASE)', b.mase.toFixed(2), `last ${b.testDays} days, one day ahead; lower is better`, beats ? 'good' : 'bad'],
    ['Same weekday last week', b.seasonalNaiveMase.toFixed(2), 'MASE of the seasonal naive forecast'],
    ['Four-week mean', b.fourWeekMeanMase.toFixed(2), 'MASE of the mean of the last four weeks'],
    ['80 % band held', pct(b.coverage80), 'of actual counts, aim 80 %', Math.abs(b.coverage80 - 0.8) <= 0.1 ? 'good' : 'bad'],
    ['95 % band held', pct(b.coverage95), 'of actual counts, aim 95 %', Math.abs(b.coverage95 - 0.95) <= 0.05 ? 'good' : 'bad'],
    ...(a.staffing ? [['Peak staff on shift', count(peak), `with ${pctFmt.format(a.staffing.shrinkage)} shrinkage, ${minutes(a.staffing.averageHandling)} handling`]] : []),
  ]);
  const slots = f.map((x) => x.start);
  const zoom = f.length > 100 ? [{ type: 'slider', height: 16, bottom: 30 }] : [];
  const xAxis = { type: 'category', data: slots, axisTick: { interval: dayStarts(slots, interval) }, axisLabel: { interval: dayStarts(slots, interval), formatter: (v) => axisSlot(v, interval), hideOverlap: true } };
  const band = (stack, name, lower, upper, colour) => [
    { name: `${name} base`, type: 'line', stack, data: f.map((x) => round2(x[lower])), lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false }, silent: true },
    { name, type: 'line', stack, data: f.map((x) => round2(x[upper] - x[lower])), lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: colour, opacity: 1 }, itemStyle: { color: colour }, silent: true },
  ];
  draw('demand-chart', `${humanise(a.channel)}: contacts expected per ${intervalText(interval)}`, {
    title: { subtext: 'Open hours only · shaded: 80 % and 95 % prediction bands' },
    grid: { left: 20, right: 36, top: 74, bottom: zoom.length ? 84 : 52, containLabel: true },
    legend: { bottom: 4, data: ['Expected', '80 % band', '95 % band'] },
    tooltip: {
      trigger: 'axis', confine: true, formatter: (items) => {
        const x = f[items[0].dataIndex];
        return [`<strong>${escapeHtml(slotLabel(x.start, interval))}</strong>`, `expected ${x.expected.toFixed(1)} contacts`,
          `80 %: ${x.lower80.toFixed(1)} – ${x.upper80.toFixed(1)}`, `95 %: ${x.lower95.toFixed(1)} – ${x.upper95.toFixed(1)}`].join('<br>');
      },
    },
    dataZoom: zoom,
    xAxis,
    yAxis: { type: 'value', name: 'Contacts', nameTextStyle: { align: 'left' }, min: 0 },
    series: [
      ...band('band95', '95 % band', 'lower95', 'upper95', dark ? 'rgba(143,178,255,0.14)' : 'rgba(29,78,216,0.10)'),
      ...band('band80', '80 % band', 'lower80', 'upper80', dark ? 'rgba(143,178,255,0.28)' : 'rgba(29,78,216,0.22)'),
      { name: 'Expected', type: 'line', data: f.map((x) => round2(x.expected)), itemStyle: { color: c.p50 }, lineStyle: { width: 2 }, symbol: f.length > 60 ? 'none' : 'circle', symbolSize: 5 },
    ],
  });
  if (!a.staffing) {
    chart('staffing-chart').clear();
    $('staffing-chart').hidden = true;
    $('staffing-note').textContent = 'Staff are planned per 15 minutes or per hour: choose one of those intervals to see agents and scheduled staff.';
    $('staffing-note').hidden = false;
    return 'ready';
  }
  $('staffing-chart').hidden = false;
  $('staffing-note').hidden = true;
  const s = a.staffing.intervals;
  draw('staffing-chart', `Staff needed per ${intervalText(interval)}`, {
    title: { subtext: `${pctFmt.format(a.staffing.target.serviceLevel)} answered within ${secondsText(a.staffing.target.answerWithin)} · scheduled staff add ${pctFmt.format(a.staffing.shrinkage)} shrinkage` },
    grid: { left: 20, right: 36, top: 74, bottom: zoom.length ? 84 : 52, containLabel: true },
    legend: { bottom: 4 },
    dataZoom: zoom,
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, formatter: (items) => {
        const x = s[items[0].dataIndex];
        return [`<strong>${escapeHtml(slotLabel(x.start, interval))}</strong>`, `${x.forecastContacts.toFixed(1)} contacts expected`,
          `${x.agents} agents answering, ${x.scheduledStaff} scheduled`, `service level ${pct(x.serviceLevel)}, occupancy ${pct(x.occupancy)}`].join('<br>');
      },
    },
    xAxis: { ...xAxis, data: s.map((x) => x.start) },
    yAxis: { type: 'value', name: 'People', nameTextStyle: { align: 'left' }, minInterval: 1 },
    series: [
      { name: 'Agents answering', type: 'bar', data: s.map((x) => x.agents), itemStyle: { color: c.p50 }, barMaxWidth: 14 },
      { name: 'Scheduled staff', type: 'bar', data: s.map((x) => x.scheduledStaff), itemStyle: { color: c.p90 }, barMaxWidth: 14 },
    ],
  });
  return 'ready';
}

const round2 = (x) => Math.round(x * 100) / 100;
const intervalText = (i) => ({ '15m': '15 minutes', '1h': 'hour', '1d': 'day' }[i] || i);

// ISO 8601 durations as the API writes them (PT6M, PT20S, PT1H30M).
function isoSeconds(d) {
  const m = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(d || '');
  return m ? (Number(m[1] || 0) * 3600) + (Number(m[2] || 0) * 60) + Number(m[3] || 0) : null;
}
const minutes = (d) => { const s = isoSeconds(d); return s === null ? d : `${(s / 60).toFixed(1).replace(/\.0$/, '')} min`; };
const secondsText = (d) => { const s = isoSeconds(d); return s === null ? d : `${s} s`; };

// ---------- 9. models ----------
// GET /v1/models: {models: [{name, versions, note?, latest?: {card, examples, positives, byCustomer, byTime, timeCutoff}}]},
// each evaluation {count, positives, auc, roc, precisionAtTopDecile, liftAtTopDecile, calibration, brier}.
function runModels() {
  return run('models', {
    busy: 'Looking for trained models…',
    failed: 'The models could not be listed',
    needsAudience: false,
    fetch: async () => {
      try {
        return await api('/v1/models');
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return { models: [] }; // a node without the models route: nothing trained
        throw e;
      }
    },
    render: renderModels,
  });
}

const NO_MODEL = 'No model has been trained yet. Train one with `touchline intelligence train churn` (or `upsell`): '
  + 'how well it ranks customers (ROC, AUC), its calibration and its precision in the top tenth will show here.';
const EVALUATIONS = [['byCustomer', 'Customers held out'], ['byTime', 'Later period held out']];

function renderModels(answer) {
  const models = Array.isArray(answer && answer.models) ? answer.models : [];
  const trained = models.filter((m) => m.latest);
  if (trained.length === 0) return showEmpty('models', NO_MODEL);
  const list = $('models-list');
  for (const el of list.querySelectorAll('.chart')) disposeChart(el.id);
  list.replaceChildren();
  for (const m of models) {
    if (!m.latest) {
      list.append(h('p', { class: 'result-note', 'data-testid': 'model-untrained' }, ...withCode(sentence(m.note || `no ${m.name} model yet`))));
      continue;
    }
    renderModel(m);
  }
  return 'ready';
}

function renderModel(m) {
  const t = m.latest;
  const card = t.card || {};
  const hp = card.hyperParameters || {};
  const algorithm = 'trees' in hp ? 'gradient-boosted trees' : 'epochs' in hp ? 'logistic regression' : null;
  const win = card.trainingWindow;
  const meta = [card.model && `${card.model}`, algorithm,
    card.trainedAt && `trained ${dateTimeFmt.format(new Date(card.trainedAt))}`,
    card.trainingRows !== undefined && `${count(card.trainingRows)} training rows, ${count(card.trainingPositives)} positive`,
    win && win.from && `moments ${dateFmt.format(new Date(win.from))} – ${dateFmt.format(new Date(win.to))}`].filter(Boolean).join(' · ');
  const id = `model-${String(m.name).replace(/\W+/g, '-')}`;
  const article = h('article', { class: 'model', 'data-testid': 'model', 'data-model': m.name },
    h('h3', null, `${humanise(m.name)} model`), meta ? h('p', { class: 'model-meta' }, meta) : null,
    h('dl', { class: 'tiles', id: `${id}-tiles` }),
    h('div', { class: 'charts' }, h('div', { class: 'chart', id: `${id}-roc`, 'data-testid': 'model-roc' }),
      h('div', { class: 'chart', id: `${id}-calibration`, 'data-testid': 'model-calibration' })),
    h('div', { class: 'model-monitoring', id: `${id}-monitoring`, 'data-testid': 'model-monitoring' },
      h('p', { class: 'result-note' }, 'Checking the model on recent data…')));
  $('models-list').append(article); // in the page before its charts are drawn, so they have a size
  renderMonitoring(m.name, `${id}-monitoring`);
  const by = t.byCustomer || {};
  const later = t.byTime || {};
  const auc = (e) => (typeof e.auc === 'number' ? e.auc.toFixed(3) : '–');
  tiles(`${id}-tiles`, [
    ['AUC, customers held out', auc(by), '0.5 is a coin toss, 1 ranks every case first'],
    ['AUC, later period', auc(later), t.timeCutoff ? `trained before ${dateFmt.format(new Date(t.timeCutoff))}, tested after` : null],
    ['Precision, top tenth', pct(later.precisionAtTopDecile), typeof later.liftAtTopDecile === 'number' ? `${later.liftAtTopDecile.toFixed(1)}× the base rate (later period)` : null],
    ['Brier score', typeof later.brier === 'number' ? later.brier.toFixed(3) : '–', 'mean squared error of the probabilities; lower is better'],
  ]);
  const c = colours();
  const share = { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => pctFmt.format(v) } };
  const diagonal = (name) => ({ name, type: 'line', showSymbol: false, data: [[0, 0], [1, 1]], lineStyle: { type: 'dashed', color: c.muted }, itemStyle: { color: c.muted }, silent: true });
  const styles = [{ color: c.p50 }, { color: c.warn }];
  draw(`${id}-roc`, 'ROC curve', {
    title: { subtext: 'Share of the cases found against share of the others flagged, at every threshold' },
    grid: LEGEND_GRID,
    legend: { bottom: 4 },
    tooltip: { trigger: 'item', confine: true, formatter: (p) => `${escapeHtml(p.seriesName)}<br>false positives ${pct(p.value[0])}, true positives ${pct(p.value[1])}` },
    xAxis: { ...share, name: 'False positive rate', nameLocation: 'middle', nameGap: 28 },
    yAxis: { ...share, name: 'True positive rate' },
    series: [...EVALUATIONS.map(([field, name], k) => ({
      name: `${name} (AUC ${auc(t[field] || {})})`, type: 'line', showSymbol: false, itemStyle: styles[k], lineStyle: { width: 2 },
      data: thin((t[field] || {}).roc || []).map((p) => [p.falsePositiveRate, p.truePositiveRate]),
    })), diagonal('Chance')],
  });
  draw(`${id}-calibration`, 'Calibration', {
    title: { subtext: 'Observed rate against mean predicted probability, ten bins' },
    grid: LEGEND_GRID,
    legend: { bottom: 4 },
    tooltip: { trigger: 'item', confine: true, formatter: (p) => (p.value.length > 2 ? `${escapeHtml(p.seriesName)}<br>predicted ${pct(p.value[0])}, observed ${pct(p.value[1])}<br>${count(p.value[2])} cases` : 'perfect calibration') },
    xAxis: { ...share, name: 'Mean predicted probability', nameLocation: 'middle', nameGap: 28 },
    yAxis: { ...share, name: 'Observed rate' },
    series: [...EVALUATIONS.map(([field, name], k) => ({
      name, type: 'line', itemStyle: styles[k], symbolSize: 7,
      data: ((t[field] || {}).calibration || []).filter((b) => b.count > 0).map((b) => [b.meanPredicted, b.observedRate, b.count]),
    })), diagonal('Perfect')],
  });
}

// GET /v1/models/{name}/monitoring: {model, at, customers, drift: [{feature, psi, reading}], recent?: evaluation,
// meanPredicted?, observedRate?, aucAtTraining?, retrain: [reason]}: is the model still fit for today's customers?
async function renderMonitoring(name, into) {
  const box = $(into);
  let m;
  try {
    m = await api(`/v1/models/${encodeURIComponent(name)}/monitoring`);
  } catch (e) {
    box.replaceChildren(h('p', { class: 'result-note', 'data-testid': 'monitoring-unavailable' },
      `Monitoring is not available: ${e && e.message ? e.message : e}`));
    return;
  }
  const drift = Array.isArray(m.drift) ? m.drift : [];
  const retrain = Array.isArray(m.retrain) ? m.retrain : [];
  const recent = m.recent || {};
  const verdict = retrain.length
    ? h('div', { class: 'alert', role: 'status', 'data-testid': 'monitoring-retrain' },
      h('p', { class: 'alert-title' }, `Retrain the ${name} model`), h('ul', null, ...retrain.map((r) => h('li', null, sentence(r)))))
    : h('p', { class: 'result-note', 'data-testid': 'monitoring-ok' }, 'No need to retrain: its features are stable and its probabilities still match what happens.');
  const rows = drift.slice(0, 6).map((d) => h('tr', { 'data-feature': d.feature, 'data-reading': d.reading },
    h('td', null, d.feature), h('td', { class: 'num' }, Number(d.psi).toFixed(3)), h('td', null, d.reading)));
  box.replaceChildren(
    h('h4', null, `On recent data (${count(m.customers)} customers, ${m.at ? dateFmt.format(new Date(m.at)) : ''})`),
    h('dl', { class: 'tiles', id: `${into}-tiles` }),
    verdict,
    h('table', { class: 'data', 'data-testid': 'monitoring-drift' },
      h('caption', null, 'Feature drift since training: population stability index (below 0.1 stable, above 0.25 shifted)'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Feature'), h('th', { scope: 'col' }, 'PSI'), h('th', { scope: 'col' }, 'Reading'))),
      h('tbody', null, ...rows)));
  tiles(`${into}-tiles`, [
    ['AUC on recent outcomes', typeof recent.auc === 'number' ? recent.auc.toFixed(3) : '–',
      typeof m.aucAtTraining === 'number' ? `${m.aucAtTraining.toFixed(3)} on the later period at training` : 'moments one horizon ago, outcome now known'],
    ['Predicted, on average', pct(m.meanPredicted), 'mean probability on those moments'],
    ['Happened', pct(m.observedRate), 'share of those moments followed by the outcome'],
  ]);
}

// A ROC curve has a point per distinct score; a few hundred draw the same line.
function thin(points, most = 400) {
  if (points.length <= most) return points;
  const step = Math.ceil(points.length / most);
  return points.filter((_, k) => k % step === 0 || k === points.length - 1);
}

// ---------- wiring ----------
function runAll() {
  return Promise.all([runFunnel(false), runPaths(false), runFlow(false), runJourneys(false), runProduct(false), runCoChurn(false), runDemand(false), runModels()]);
}

function runOnSubmit(form, runIt) {
  $(form).addEventListener('submit', (ev) => {
    ev.preventDefault();
    runIt(true);
  });
}

async function openAnalytics() {
  if (!chartsLoaded()) {
    $('snapshot-error').replaceChildren(h('p', { class: 'alert-title' }, 'The charts library did not load'),
      h('p', { class: 'alert-text' }, chartsMissing('The page')));
    $('snapshot-error').hidden = false;
    return;
  }
  DEFAULT_STEPS.forEach(addStep);
  $('funnel-add').addEventListener('click', () => {
    addStep({ name: `Step ${$('funnel-steps').children.length + 1}`, kind: 'stages', value: 'support', windowDays: 30 });
    $('funnel-steps').lastElementChild.querySelector('.step-name').focus();
  });
  $('paths-anchor-kind').addEventListener('change', () => options($('paths-anchor-value'), valuesOf($('paths-anchor-kind').value)));
  $('demand-interval').addEventListener('change', () => { if ($('demand-interval').value === '15m' && Number($('demand-days').value) > 7) $('demand-days').value = '7'; });
  runOnSubmit('funnel-form', runFunnel);
  runOnSubmit('paths-form', runPaths);
  runOnSubmit('flow-form', runFlow);
  runOnSubmit('journeys-form', runJourneys);
  runOnSubmit('product-form', runProduct);
  runOnSubmit('co-churn-form', runCoChurn);
  runOnSubmit('demand-form', runDemand);
  $('refresh-button').addEventListener('click', refresh);
  options($('paths-anchor-value'), STAGES, 'decision');
  await loadSnapshot();
  await loadVocabulary();
  if (state.vocabulary.products.length && !$('product-sku').value) $('product-sku').value = state.vocabulary.products[0];
  await runAll();
  document.body.dataset.ready = 'true';
}

openAnalytics();
