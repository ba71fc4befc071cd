// Trained propensity models: how well each ranks (ROC, AUC) and calibrates, and whether it is still fit today.
import {
  $, api, ApiError, count, dateFmt, dateTimeFmt, h, humanise, sentence, tableHead, withCode,
} from '../common.js';
import { disposeChart, draw, escapeHtml } from '../charts.js';
import { colours, LEGEND_GRID, pct, pctFmt, run, showEmpty, tiles } from './section.js';

// GET /v1/models: {models: [{name, versions, note?, latest?: {card, examples, positives, byCustomer, byTime, timeCutoff}}]},
// each evaluation {count, positives, auc, roc, precisionAtTopDecile, liftAtTopDecile, calibration, brier}.
export function runModels() {
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
      tableHead('Feature', 'PSI', 'Reading'),
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
