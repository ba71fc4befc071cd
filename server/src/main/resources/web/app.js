// The agent console: find a customer by any identifier, name or account; their whole story across channels with why
// each record belongs to them; household, consents, tokens and the next best action; record a new interaction for the
// agent's channel; decide the identity review queue. Talks only to the node's own /v1 API. This module routes the
// page's address (deep links) and wires the page; each panel is its own module under console/. Native ES modules, no
// build step.
import { api, channelInfo, signedIn, signIn, signOut, takeTokenFromLink } from './common.js';
import { loadCheckpoint } from './console/checkpoint.js';
import { hideCustomer, openCustomer } from './console/customer.js';
import { loadDeadLetterCount } from './console/dead-letters.js';
import { clearError, el, setStatus, showError, state } from './console/page.js';
import { loadReviewCount, loadReviews } from './console/reviews.js';
import { hideResults, renderResults, search } from './console/search.js';

// ---------- who is signed in ----------
/** An open node answers everyone; otherwise the token says who we are (and an agent's channel). */
async function whoAmI() {
  try {
    const health = await api('/v1/health');
    if (String(health.access || '').startsWith('open')) {
      state.me = null;
      el.who.textContent = 'Open node · no sign-in';
      el.who.title = 'No access token has been granted on this node: everyone may use every page.';
      return;
    }
    state.me = await api('/v1/me');
    const ch = state.me.channel ? ` · ${channelInfo(state.me.channel).label}` : '';
    el.who.textContent = `${state.me.name} (${state.me.role}${ch})`;
    el.who.title = `Signed in as ${state.me.role} ${state.me.name}${ch}`;
  } catch (e) {
    el.who.textContent = 'Not signed in';
    el.who.title = e.message;
  }
}

// ---------- views and routing (deep links) ----------
function showView(name) {
  const reviews = name === 'reviews';
  el.customersView.hidden = reviews;
  el.reviewsView.hidden = !reviews;
  el.tabCustomers.toggleAttribute('aria-current', !reviews);
  if (!reviews) el.tabCustomers.setAttribute('aria-current', 'page');
  el.tabReviews.toggleAttribute('aria-current', reviews);
  if (reviews) el.tabReviews.setAttribute('aria-current', 'page');
  document.title = reviews ? 'Touchline · Review queue' : 'Touchline · Agent console';
}

function readHash() {
  const raw = location.hash.replace(/^#/, '');
  if (raw === 'reviews') return { reviews: true };
  const params = new URLSearchParams(raw);
  // #identifier=type:value is the older deep link (the demo prints one): a search like any other.
  return { customer: params.get('customer'), q: params.get('q') || params.get('identifier') };
}

function route() {
  const { reviews, customer, q } = readHash();
  if (reviews) {
    showView('reviews');
    loadReviews();
    return;
  }
  showView('customers');
  if (q && q !== state.query) {
    el.input.value = q;
    search(q, customer);
  } else if (customer) {
    if (!q) {
      hideResults();
      el.input.value = ''; // a link to a customer is no search: the box does not pretend otherwise
    }
    openCustomer(customer, q ? state.results.find((r) => r.customerId === customer) : null);
  } else if (q) {
    hideCustomer();
    el.welcome.hidden = true;
    renderResults();
  } else {
    resetView();
  }
}

function resetView() {
  state.requestSeq++;
  state.customerId = null;
  state.query = null;
  el.input.value = '';
  clearError();
  setStatus('');
  hideResults();
  el.customer.hidden = true;
  el.welcome.hidden = false;
}

// ---------- search ----------
/** The search box: an empty search says what to type; any other becomes the page's address (#q=…), then runs. */
function searchSubmitted(ev) {
  ev.preventDefault();
  const value = el.input.value.trim();
  if (!value) {
    showError('Type what the customer gave you', 'Enter an email, phone number, account number, name or customer id, then press Find.', 'invalid');
    el.input.focus();
    return;
  }
  const hash = `q=${encodeURIComponent(value)}`;
  state.query = null; // the same search again runs again
  if (location.hash.slice(1) === hash) route();
  else location.hash = hash; // hashchange runs route()
}

// ---------- wiring ----------
el.form.addEventListener('submit', searchSubmitted);
window.addEventListener('hashchange', route);
document.addEventListener('keydown', (ev) => {
  if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const t = ev.target;
  if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t && t.isContentEditable)) return;
  if (document.querySelector('dialog[open]')) return;
  ev.preventDefault();
  if (el.customersView.hidden) location.hash = '';
  el.input.focus();
  el.input.select();
});

el.signInOut.addEventListener('click', () => (signedIn() ? signOut() : signIn()));

takeTokenFromLink();
el.signInOut.textContent = signedIn() ? 'Sign out' : 'Sign in';
whoAmI().then(() => {
  loadCheckpoint();
  loadDeadLetterCount().catch(() => {});
  loadReviewCount();
  if (location.hash.length > 1) route();
  else el.input.focus();
  document.body.dataset.ready = 'true';
});
