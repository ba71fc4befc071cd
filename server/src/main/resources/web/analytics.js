// Touchline journey analytics: funnels, paths, lead times, journeys, retention, products, co-churn, demand and models, each section
// its own module under analytics/. Charts by ECharts through charts.js. Talks only to the node's aggregate routes
// (/v1/analytics/*, /v1/demand/*, /v1/models, /v1/audiences): nothing on this page names or fetches a customer. Native ES modules,
// no build step.
import { $, api, count, h } from './common.js';
import { chartsLoaded, chartsMissing } from './charts.js';
import { runCoChurn } from './analytics/co-churn.js';
import { runCohorts } from './analytics/cohorts.js';
import { runDemand } from './analytics/demand.js';
import { runFlow } from './analytics/flow.js';
import { addStep, DEFAULT_STEPS, runFunnel } from './analytics/funnel.js';
import { runJourneys } from './analytics/journeys.js';
import { runModels } from './analytics/models.js';
import { runPaths } from './analytics/paths.js';
import { runProduct } from './analytics/product.js';
import './analytics/uplift.js'; // fills the uplift section on its own
import './analytics/audiences.js'; // fills the audiences section on its own
import { isoDay, options, renderSnapshot, STAGES, state, valuesOf } from './analytics/section.js';

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

function fillPickers() {
  for (const row of $('funnel-steps').children) options(row.querySelector('.step-value'), valuesOf(row.querySelector('.step-kind').value));
  options($('paths-anchor-value'), valuesOf($('paths-anchor-kind').value));
  options($('product-sku'), state.vocabulary.products || []);
  const s = state.snapshot;
  if (s && s.first && !$('funnel-from').value) $('funnel-from').value = s.first.slice(0, 10);
  if (s && s.last && !$('funnel-to').value) $('funnel-to').value = isoDay(new Date(Date.parse(s.last.slice(0, 10)) + 86400000));
}

// ---------- wiring ----------
function runAll() {
  return Promise.all([runFunnel(false), runPaths(false), runFlow(false), runJourneys(false), runCohorts(false), runProduct(false), runCoChurn(false), runDemand(false), runModels()]);
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
  runOnSubmit('cohorts-form', runCohorts);
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
