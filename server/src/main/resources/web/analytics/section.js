// What every section of the analytics page shares: the snapshot they answer from, running a section's query (progress,
// a superseded answer dropped, the error at the field it names, the empty state), the formats and colours of its
// numbers and charts, and the pickers' vocabulary.
import { $, ApiError, CHANNELS, count, dateFmt, dateTimeFmt, h, humanise, relative, withCode } from '../common.js';
import { css, dark, escapeHtml, existingChart, palette } from '../charts.js';

export const STAGES = ['awareness', 'interest', 'consideration', 'decision', 'upsell_cross_sell', 'support', 'retention', 'advocacy'];

export const NO_AUDIENCE = 'No customer allows analytics yet: consents are recorded with `touchline consent CUSTOMER analytics granted --channel web`. '
  + 'Refresh the snapshot once some have.';

export const state = {
  snapshot: null,
  vocabulary: { channels: [], types: [], sources: [], products: [], segments: [] },
  runs: new Map(), // section id -> sequence number of its latest run, to drop superseded answers
};

export const pctFmt = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
export const dec2 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export const pct = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : pctFmt.format(x));
export const days = (seconds) => (seconds === null || seconds === undefined ? null : Math.round(seconds / 8640) / 10);

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const hours = seconds / 3600;
  if (hours < 1) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

export const isoDay = (d) => d.toISOString().slice(0, 10);

// A number input's value: a whole number, the raw text when it is not one (so the server names the field), or
// undefined when empty (the server's default).
export function wholeNumber(input) {
  const v = input.value.trim();
  if (v === '') return input.validity && input.validity.badInput ? input.value : undefined;
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

export function params(obj) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// ---------- charts ----------
const STAGE_COLOURS_LIGHT = ['#0e7490', '#1d4ed8', '#6d28d9', '#047857', '#a16207', '#b42318', '#be185d', '#3f6212'];
const STAGE_COLOURS_DARK = ['#67d5ec', '#8fb2ff', '#c4a8ff', '#5fd39a', '#f5c26b', '#ff8a80', '#ff9cc8', '#b5e07a'];
export const colours = () => ({
  p50: dark ? '#8fb2ff' : '#1d4ed8',
  p90: dark ? '#3b5ea8' : '#9db8f2',
  text: css('--text') || '#17202b',
  muted: css('--text-3') || '#5f6b7a',
  ok: css('--ok') || '#067647',
  warn: css('--warn') || '#9a5b00',
  danger: css('--danger') || '#b42318',
});

export function labelColour(label) {
  const stage = STAGES.indexOf(label);
  if (stage >= 0) return (dark ? STAGE_COLOURS_DARK : STAGE_COLOURS_LIGHT)[stage];
  if (label in CHANNELS) return css(`--c-${label}`);
  const p = palette(); // types and products: a stable colour from the name
  let x = 0;
  for (const ch of String(label)) x = (x * 31 + ch.charCodeAt(0)) >>> 0;
  return p[x % p.length];
}

// Room at the bottom for an axis name and a legend under it.
export const LEGEND_GRID = { left: 16, right: 28, top: 74, bottom: 68, containLabel: true };

export function sizeByRows(id, rows, min = 300) {
  $(id).style.height = `${Math.max(min, 110 + rows * 26)}px`;
}

export const hiddenNote = (min) => `hidden: fewer than ${min}`;
export const p50p90Series = (rows, get) => [
  { name: 'Median (p50)', type: 'bar', data: rows.map((r) => days(get(r).p50Seconds)), itemStyle: { color: colours().p50 }, barMaxWidth: 22 },
  { name: '90th percentile (p90)', type: 'bar', data: rows.map((r) => days(get(r).p90Seconds)), itemStyle: { color: colours().p90 }, barMaxWidth: 22 },
];

export function distributionTooltip(rows, get, min, what) {
  return (items) => {
    const r = rows[items[0].dataIndex];
    const d = get(r);
    const head = `<strong>${escapeHtml(items[0].name)}</strong>`;
    if (d.suppressed) return `${head}<br>${hiddenNote(min)} ${what}`;
    return `${head}<br>${count(d.count)} ${what}<br>p50 ${duration(d.p50Seconds)} · p90 ${duration(d.p90Seconds)}`;
  };
}

// ---------- sections: progress, errors, empty states ----------
export function parts(id) {
  const s = $(id);
  return { s, status: s.querySelector('.section-status'), alert: s.querySelector('.alert'), empty: s.querySelector('.empty-state') };
}

export function showEmpty(id, text) {
  const p = parts(id);
  p.empty.replaceChildren(...withCode(text));
  p.empty.hidden = false;
  return 'empty';
}

// Runs one section's query: shows progress, drops a superseded answer, then renders it, an empty state or the error.
export async function run(id, { busy, failed, fetch: fetchIt, render, userAsked = false, needsAudience = true }) {
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

// ---------- the snapshot every section answers from ----------
function noteSnapshot(s) {
  if (!state.snapshot || s.builtAt > state.snapshot.builtAt) renderSnapshot(s);
}

export function renderSnapshot(s) {
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

export function options(select, values, chosen) {
  const keep = chosen !== undefined ? chosen : select.value;
  select.replaceChildren(...values.map((v) => h('option', { value: v }, STAGES.includes(v) || v.includes('_') ? humanise(v) : v)));
  if (values.includes(keep)) select.value = keep;
}

export function valuesOf(kind) {
  if (kind === 'stages') return STAGES;
  return state.vocabulary[kind] || [];
}

// A count; null is "fewer than the minimum" only where the engine suppressed it, else there is nothing to count.
export function cell(n, min, suppressed = true) {
  if (n !== null && n !== undefined) return h('td', null, count(n));
  return suppressed ? h('td', { class: 'hidden-count', title: hiddenNote(min) }, `< ${min}`) : h('td', null, '–');
}

export function tiles(id, items) {
  $(id).replaceChildren(...items.map(([label, value, note, tone]) => h('div', { class: `tile${tone ? ` ${tone}` : ''}` },
    h('dt', null, label), h('dd', null, value, note ? h('span', { class: 'tile-note' }, note) : null))));
}
