// Charts on Touchline's pages (analytics, ledger explorer): one look for all of them, by ECharts from the server's own
// /vendor copy (a classic script the page loads before its modules). Native ES module, no build step.
import { $, CHANNELS } from './common.js';

export const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
export const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** A CSS custom property of the page (its colours follow the light or dark scheme). */
export const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** The channels' own colours, the first eight: series without a colour of their own take these in turn. */
export const palette = () => Object.keys(CHANNELS).slice(0, 8).map((c) => css(`--c-${c}`)).filter(Boolean);

/** Whether the charts library loaded; a page says so in words when it did not. */
export const chartsLoaded = () => Boolean(window.echarts);
export const chartsMissing = (what) => `${what} needs /vendor/echarts-6.1.0/echarts.min.js from this server. Reload the page; `
  + 'if it stays, the server was built without its web assets.';

const charts = new Map(); // element id -> its chart, made once and resized with its box

/** The chart drawn in the element of this id, made on first use. */
export function chart(id) {
  let c = charts.get(id);
  if (!c) {
    const el = $(id);
    c = window.echarts.init(el, dark ? 'dark' : null, { renderer: 'canvas' });
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => c.resize()).observe(el);
    charts.set(id, c);
  }
  return c;
}

/** The chart of this id if one was made, else undefined (to show it loading without making it). */
export const existingChart = (id) => charts.get(id);

/** Forgets the chart of this id (its element is about to be replaced). */
export function disposeChart(id) {
  const c = charts.get(id);
  if (c) c.dispose();
  charts.delete(id);
}

// Every chart: a title, the page's font, a description for screen readers, no animation when motion is unwelcome.
export function draw(id, title, option) {
  const base = {
    backgroundColor: 'transparent',
    animation: !calm,
    aria: { enabled: true },
    color: palette(),
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    title: { text: title, left: 12, top: 10, textStyle: { fontSize: 14, fontWeight: 600 }, subtextStyle: { fontSize: 12 } },
    tooltip: { trigger: 'axis', confine: true },
    grid: { left: 16, right: 28, top: 60, bottom: 48, containLabel: true },
  };
  chart(id).setOption({ ...base, ...option, title: { ...base.title, ...(option.title || {}) } }, { notMerge: true });
}

/** Text for a tooltip's HTML. */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
