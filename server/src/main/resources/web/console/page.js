// What every panel of the agent console shares: the open customer and search (and the sequence number that drops
// answers about one no longer shown), the page's status line and error box, panels' loading and failed states, who acts,
// and the confirmation asked before a change goes on the ledger.
import { $, h } from '../common.js';

export const state = {
  me: null,              // {role, name, channel} of the token; null on an open node
  customerId: null,
  foundBy: null,         // the search match that led here, or null for a direct link
  mergedFrom: null,
  total: 0,
  items: [],
  next: null,
  filter: null,          // channel shown alone, or null
  bookkeeping: false,    // consents, token movements and identity decisions shown among the interactions
  checkpointSize: null,
  requestSeq: 0,         // to drop answers of superseded searches and customers
  identity: null,        // promise of /identity for the open customer
  ratings: new Map(),    // interaction entry -> the customer's rating event
  query: null,           // the last search and its answer
  results: [],
  resultsTotal: 0,       // how many customers the search found, over every page
  resultsNext: null,     // the next page of the search, or null
  justAdded: null,       // entry index of the interaction just recorded
};

export const el = {
  customersView: $('customers-view'), reviewsView: $('reviews-view'), tabCustomers: $('tab-customers'), tabReviews: $('tab-reviews'),
  reviewCount: $('review-count'), who: $('who-chip'), signInOut: $('sign-in-out'),
  form: $('search-form'), input: $('search-input'), button: $('search-button'),
  status: $('status'), errorBox: $('error-box'), errorTitle: $('error-title'), errorText: $('error-text'),
  results: $('results'), resultsTitle: $('results-title'), resultsList: $('results-list'), moreResults: $('more-results'),
  welcome: $('welcome'), customer: $('customer'), heading: $('customer-heading'), customerIdLine: $('customer-id'), foundBy: $('found-by'),
  merged: $('merged-note'), total: $('stat-total'), first: $('stat-first'), firstLabel: $('stat-first-label'),
  last: $('stat-last'), bar: $('channel-bar'), chips: $('channel-chips'), channelsNote: $('channels-note'),
  timeline: $('timeline'), timelineEmpty: $('timeline-empty'), filterEmpty: $('filter-empty'),
  loadMore: $('load-more'), endNote: $('end-note'),
  cpOrigin: $('cp-origin'), cpSize: $('cp-size'), cpRoot: $('cp-root'), cpSigs: $('cp-sigs'), cpError: $('cp-error'),
  cpRefresh: $('checkpoint-refresh'),
  dlLink: $('dead-letters-link'), dlLabel: $('dead-letters-label'), dlPanel: $('dead-letters-panel'),
  dlClose: $('dl-close'), dlList: $('dl-list'), dlEmpty: $('dl-empty'), dlError: $('dl-error'), dlSub: $('dl-sub'),
};

export function setStatus(text) {
  el.status.textContent = text || '';
}

export function showError(title, text, kind = 'error') {
  el.errorTitle.textContent = title;
  el.errorText.textContent = text || '';
  el.errorText.hidden = !text;
  el.errorBox.dataset.kind = kind;
  el.errorBox.hidden = false;
}

export function clearError() {
  el.errorBox.hidden = true;
  el.errorBox.removeAttribute('data-kind');
}

export function setBusy(busy) {
  el.button.disabled = busy;
  el.button.setAttribute('aria-busy', String(busy));
  el.customer.setAttribute('aria-busy', String(busy));
  document.body.classList.toggle('is-busy', busy);
}

/** A panel's body while it loads, when it failed (in words), or its content. */
export function fillPanel(panel, body, ...content) {
  body.replaceChildren(...content.flat().filter((c) => c !== null && c !== undefined && c !== false));
  panel.setAttribute('aria-busy', 'false');
}

export function panelError(panel, body, what, e) {
  fillPanel(panel, body, h('p', { class: 'panel-error', role: 'alert' }, `${what} could not be loaded: ${e.message}`));
}

export function loadingPanel(panel, body, text) {
  panel.setAttribute('aria-busy', 'true');
  body.replaceChildren(h('p', { class: 'loading-line' }, text));
}

/** The answer to "who may do what here": an agent records only for its own channel. */
export const actor = () => (state.me ? `${state.me.role}:${state.me.name}` : 'console');
export const agentChannel = () => (state.me && state.me.role === 'agent' ? state.me.channel : null);

/** The chosen channel an action is recorded for: the agent's own, or the one picked in the record form. */
export function workingChannel() {
  return agentChannel() || $('rec-channel').value || 'call_centre';
}

// ---------- confirmation ----------
/** Asks before a change that goes on the ledger; resolves to the reason typed, or null when cancelled. */
export function confirmAction({ title, text, ok, reason = '' }) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = ok;
  $('confirm-reason').value = reason;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok' ? $('confirm-reason').value.trim() : null);
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    $('confirm-reason').focus();
    $('confirm-reason').select();
  });
}
