// Search: a customer by any identifier, name or account; several matches are listed a page at a time, each with why it
// matched, and the arrow keys move between them.
import { api, h, numberFmt } from '../common.js';
import { hideCustomer, openCustomer } from './customer.js';
import { clearError, el, setBusy, setStatus, showError, state } from './page.js';
import { idLabel } from './vocabulary.js';

export async function search(q, thenOpen) {
  const seq = ++state.requestSeq;
  state.query = q;
  clearError();
  hideResults();
  hideCustomer();
  el.welcome.hidden = true;
  setBusy(true);
  setStatus(`Searching for ${q}…`);
  try {
    const answer = await api(`/v1/customers?q=${encodeURIComponent(q)}`);
    if (seq !== state.requestSeq) return;
    state.results = answer.results;
    state.resultsTotal = answer.total;
    state.resultsNext = answer.next;
    setBusy(false);
    if (answer.results.length === 0) {
      showError('No customer found', `Nobody matches “${q}”. Try an email, phone or account number, check it for typing mistakes, `
        + 'or write type:value (for example loyalty_card:LC-0042).', 'not-found');
      setStatus('No customer found.');
      el.input.focus();
      el.input.select();
      return;
    }
    // One match opens at once, its reason above the name; several are listed to choose from (a common name can
    // match many: a page at a time).
    if (answer.total > 1) renderResults();
    const open = thenOpen || (answer.total === 1 ? answer.results[0].customerId : null);
    if (open) await openCustomer(open, answer.results.find((r) => r.customerId === open), seq);
    else {
      setStatus(`${numberFmt.format(answer.total)} customers match ${q}. Use the arrow keys to choose one.`);
    }
  } catch (e) {
    if (seq !== state.requestSeq) return;
    setBusy(false);
    state.query = null;
    showError(e.status === 400 ? 'That cannot be searched for' : 'The search failed', e.message, e.status === 400 ? 'invalid' : 'error');
    setStatus('');
  }
}

export function matchText(m) {
  return `${idLabel(m.type)} ${m.value}`;
}

/** The next page of a search's results, added below those shown; the focus stays where it was. */
async function moreResults() {
  if (!state.resultsNext) return;
  const seq = state.requestSeq;
  el.moreResults.disabled = true;
  el.moreResults.setAttribute('aria-busy', 'true');
  try {
    const answer = await api(state.resultsNext);
    if (seq !== state.requestSeq) return;
    const shown = new Set(state.results.map((r) => r.customerId));
    state.results = state.results.concat(answer.results.filter((r) => !shown.has(r.customerId)));
    state.resultsTotal = answer.total;
    state.resultsNext = answer.next;
    renderResults();
    setStatus(`Showing ${state.results.length} of ${numberFmt.format(state.resultsTotal)} customers.`);
  } catch (e) {
    showError('The search failed', e.message, 'error');
  } finally {
    el.moreResults.disabled = false;
    el.moreResults.removeAttribute('aria-busy');
  }
}

export function renderResults() {
  const results = state.results;
  const total = Math.max(state.resultsTotal, results.length);
  el.resultsTitle.textContent = total === 1 ? `1 customer matches “${state.query}”`
    : results.length < total ? `${numberFmt.format(total)} customers match “${state.query}”: the first ${results.length}`
      : `${numberFmt.format(total)} customers match “${state.query}”`;
  el.moreResults.hidden = !state.resultsNext;
  el.moreResults.textContent = `Show more (${numberFmt.format(total - results.length)} not shown)`;
  el.resultsList.replaceChildren(...results.map((r, k) => h('li', null,
    h('a', {
      class: `result${r.customerId === state.customerId ? ' is-open' : ''}`, href: `#q=${encodeURIComponent(state.query)}&customer=${encodeURIComponent(r.customerId)}`,
      'data-testid': 'result', 'data-customer': r.customerId, 'data-position': k,
      'aria-current': r.customerId === state.customerId ? 'true' : null,
    },
    h('span', { class: 'result-main' },
      h('span', { class: 'result-id mono' }, r.customerId),
      h('span', { class: 'result-count' }, `${numberFmt.format(r.interactions)} interaction${r.interactions === 1 ? '' : 's'}`)),
    h('span', { class: 'result-why', 'data-testid': 'result-why' }, 'Matched by ',
      r.matchedBy.flatMap((m, j) => [j ? ', ' : '', h('strong', null, matchText(m)), h('span', { class: 'result-rule' }, ` (${m.why})`)]))))));
  el.results.hidden = false;
}

export function hideResults() {
  el.results.hidden = true;
}

/** Arrow keys move between the results (and back to the box); Tab works as it always does. */
function onResultsKey(ev) {
  const links = [...el.resultsList.querySelectorAll('a.result')];
  if (!links.length || el.results.hidden) return;
  const at = links.indexOf(document.activeElement);
  let to = null;
  if (ev.key === 'ArrowDown') to = at < 0 ? 0 : Math.min(links.length - 1, at + 1);
  else if (ev.key === 'ArrowUp') to = at <= 0 ? -1 : at - 1;
  else if (ev.key === 'Home' && at >= 0) to = 0;
  else if (ev.key === 'End' && at >= 0) to = links.length - 1;
  else return;
  ev.preventDefault();
  if (to < 0) el.input.focus();
  else links[to].focus();
}

el.input.addEventListener('keydown', onResultsKey);
el.resultsList.addEventListener('keydown', onResultsKey);
el.moreResults.addEventListener('click', moreResults);
