// Touchline agent console (docs/pages.md): find a customer by any identifier, name or account; their whole story
// across channels with why each record belongs to them; household, consents, tokens and the next best action; record
// a new interaction for the agent's channel; decide the identity review queue. Plain JS, no build step; talks only to
// the node's own /v1 API through common.js.
'use strict';

(() => {
  const PAGE_SIZE = 50;
  const { ApiError, api, h } = window.Touchline;

  // Channel labels, colours (CSS classes ch-*) and inline icons (24x24, stroked).
  const CHANNELS = {
    call_centre: { label: 'Call centre', icon: '<path d="M5 4h3l2 5-2.5 1.5a11 11 0 0 0 6 6L15 14l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2"/>' },
    store: { label: 'Store', icon: '<path d="M4 9 5.5 4h13L20 9"/><path d="M4 9h16v1.5a2.5 2.5 0 0 1-5 0 2.5 2.5 0 0 1-5 0 2.5 2.5 0 0 1-5 0V9"/><path d="M5 12.5V20h14v-7.5M10 20v-4.5h4V20"/>' },
    web: { label: 'Web', icon: '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3"/>' },
    app: { label: 'App', icon: '<rect x="6.5" y="2.5" width="11" height="19" rx="2.5"/><path d="M11 18.5h2"/>' },
    email: { label: 'Email', icon: '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3.5 6.5 8.5 6.5 8.5-6.5"/>' },
    chat: { label: 'Chat', icon: '<path d="M20 11.5a7.5 7.5 0 0 1-11 6.6L4 20l1.6-4.3A7.5 7.5 0 1 1 20 11.5"/><path d="M9 11.5h.01M12.5 11.5h.01M16 11.5h.01"/>' },
    social: { label: 'Social', icon: '<circle cx="18" cy="5.5" r="2.5"/><circle cx="6" cy="12" r="2.5"/><circle cx="18" cy="18.5" r="2.5"/><path d="m8.2 10.8 7.6-4M8.2 13.2l7.6 4"/>' },
    survey: { label: 'Survey', icon: '<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4V2.5h6V4M8.5 10h7M8.5 13.5h7M8.5 17h4"/>' },
    ticket: { label: 'Ticket', icon: '<path d="M3 8V6a1 1 0 0 1 1-1h16a1 1 0 0 1 1 1v2a2.5 2.5 0 0 0 0 5v5a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-5a2.5 2.5 0 0 0 0-5"/><path d="M14 5v2M14 11v2M14 17v2"/>' },
    field_service: { label: 'Field service', icon: '<path d="M14.5 6.5a4 4 0 0 0 5 5l-8.3 8.3a2.1 2.1 0 0 1-3-3L16.5 8.5"/><path d="M14.5 6.5 17 4a4 4 0 0 1 3 3l-2.5 2.5"/>' },
    external: { label: 'External', icon: '<path d="M14 4h6v6M20 4l-9 9"/><path d="M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>' },
  };
  const UNKNOWN_CHANNEL = { label: 'Other', icon: '<circle cx="12" cy="12" r="8"/>' };
  const CHANNEL_ORDER = Object.keys(CHANNELS);

  // The customer's part in an interaction. Beneficiary and account holder count as "subject" (the interaction is
  // about them); the other roles mean the customer acted for someone else.
  const ROLE_TEXT = {
    subject: 'about this customer',
    actor: 'acted for another customer',
    payer: 'paid for another customer',
    proxy: 'proxy for another customer',
    organisation: 'organisation of another customer',
    beneficiary: 'benefited',
    accountHolder: 'account holder',
    affected: 'was affected (an event from outside: an outage, a recall)',
  };

  // The interaction types an agent of each channel records most (the demo company's vocabulary); any channel may
  // also record the general ones.
  const TYPES_BY_CHANNEL = {
    call_centre: ['general_enquiry', 'billing_enquiry', 'technical_support', 'fault_report', 'complaint', 'sales_enquiry',
      'upgrade_enquiry', 'cancellation_request', 'retention_offer', 'home_move', 'delivery_enquiry'],
    store: ['store_enquiry', 'purchase', 'repair_dropoff', 'repair_collection', 'complaint'],
    chat: ['chat_support', 'chat_sales', 'complaint'],
    email: ['general_enquiry', 'complaint', 'billing_enquiry'],
    social: ['social_message', 'social_mention', 'complaint'],
    field_service: ['installation', 'repair_visit', 'upgrade_visit', 'equipment_collection'],
    survey: ['survey_response'],
    web: ['general_enquiry', 'order_placed', 'details_updated'],
    app: ['general_enquiry', 'details_updated'],
    ticket: ['fault_report', 'complaint', 'technical_support'],
  };
  const GENERAL_TYPES = ['general_enquiry', 'complaint', 'details_updated', 'consent_updated'];

  const ID_LABELS = {
    email: 'Email', phone: 'Phone', account: 'Account', customer_id: 'Customer id', crm_id: 'CRM id',
    loyalty_card: 'Loyalty card', social_handle: 'Social handle', order_id: 'Order', ticket_id: 'Ticket',
    device_id: 'Device', cookie: 'Cookie', ip: 'IP address', name: 'Name', postcode: 'Postcode',
    date_of_birth: 'Date of birth', address: 'Address', touchline: 'Touchline id',
  };
  const STRONG_TYPES = ['account', 'email', 'phone', 'customer_id'];
  const PURPOSE_NAMES = {
    service: 'Service', analytics: 'Analytics', personalisation: 'Personalisation', marketing: 'Marketing', model_training: 'Model training',
  };
  const RELATION_TEXT = {
    household: () => 'Same household',
    proxy: (out) => (out ? 'Acts for' : 'Acted for by'),
    employee: (out) => (out ? 'Works for' : 'Employs'),
    parent: (out) => (out ? 'Part of' : 'Parent of'),
  };

  // ---------- state ----------
  const state = {
    me: null,              // {role, name, channel} of the token; null on an open node
    customerId: null,
    foundBy: null,         // the search match that led here, or null for a direct link
    mergedFrom: null,
    total: 0,
    items: [],
    next: null,
    filter: null,          // channel shown alone, or null
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

  const $ = (id) => document.getElementById(id);
  const el = {
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

  // ---------- small helpers ----------
  function svg(inner, cls = 'icon') {
    return `<svg class="${cls}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${inner}</svg>`;
  }

  const chClass = (c) => (CHANNELS[c] ? `ch-${c}` : 'ch-other');
  const channelInfo = (c) => CHANNELS[c] || { ...UNKNOWN_CHANNEL, label: humanise(c || 'unknown') };
  const idLabel = (type) => ID_LABELS[type] || humanise(type);
  const customerPath = (id, rest = '') => `/v1/customers/${encodeURIComponent(id)}${rest}`;
  const customerLink = (id, text) => h('a', { href: `#customer=${encodeURIComponent(id)}`, class: 'customer-link mono', 'data-customer': id }, text || id);

  function humanise(s) {
    if (!s) return '';
    const words = String(s).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.\-]+/g, ' ').trim().toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
  const numberFmt = new Intl.NumberFormat();
  const relFmt = typeof Intl.RelativeTimeFormat === 'function' ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }) : null;

  function parseDate(s) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }

  function when(iso) {
    const d = parseDate(iso);
    return d ? dateTimeFmt.format(d) : (iso || 'unknown time');
  }

  function relative(d) {
    if (!relFmt || !d) return '';
    const seconds = (d.getTime() - Date.now()) / 1000;
    const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];
    let v = seconds;
    for (const [size, unit] of steps) {
      if (Math.abs(v) < size) return relFmt.format(Math.round(v), unit);
      v /= size;
    }
    return '';
  }

  function dayKey(d) {
    return d ? `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}` : 'unknown';
  }

  function idText(id) {
    return id && id.type ? `${id.type}:${id.value}` : String(id);
  }

  function setStatus(text) {
    el.status.textContent = text || '';
  }

  function showError(title, text, kind = 'error') {
    el.errorTitle.textContent = title;
    el.errorText.textContent = text || '';
    el.errorText.hidden = !text;
    el.errorBox.dataset.kind = kind;
    el.errorBox.hidden = false;
  }

  function clearError() {
    el.errorBox.hidden = true;
    el.errorBox.removeAttribute('data-kind');
  }

  function setBusy(busy) {
    el.button.disabled = busy;
    el.button.setAttribute('aria-busy', String(busy));
    el.customer.setAttribute('aria-busy', String(busy));
    document.body.classList.toggle('is-busy', busy);
  }

  /** A panel's body while it loads, when it failed (in words), or its content. */
  function fillPanel(panel, body, ...content) {
    body.replaceChildren(...content.flat().filter((c) => c !== null && c !== undefined && c !== false));
    panel.setAttribute('aria-busy', 'false');
  }

  function panelError(panel, body, what, e) {
    fillPanel(panel, body, h('p', { class: 'panel-error', role: 'alert' }, `${what} could not be loaded: ${e.message}`));
  }

  function loadingPanel(panel, body, text) {
    panel.setAttribute('aria-busy', 'true');
    body.replaceChildren(h('p', { class: 'loading-line' }, text));
  }

  /** The answer to "who may do what here": an agent records only for its own channel. */
  const actor = () => (state.me ? `${state.me.role}:${state.me.name}` : 'console');
  const agentChannel = () => (state.me && state.me.role === 'agent' ? state.me.channel : null);

  /** The chosen channel an action is recorded for: the agent's own, or the one picked in the record form. */
  function workingChannel() {
    return agentChannel() || $('rec-channel').value || 'call_centre';
  }

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
  function onSubmit(ev) {
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

  async function search(q, thenOpen) {
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

  function matchText(m) {
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

  function renderResults() {
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

  function hideResults() {
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

  // ---------- a customer ----------
  async function openCustomer(customerId, match, seq = ++state.requestSeq) {
    clearError();
    setBusy(true);
    setStatus('Loading the timeline…');
    try {
      const [page] = await Promise.all([
        api(`${customerPath(customerId, '/timeline')}?limit=${PAGE_SIZE}`),
        loadCheckpoint(),
      ]);
      if (seq !== state.requestSeq) return;
      state.customerId = page.customerId;
      state.foundBy = match || null;
      state.mergedFrom = page.mergedFrom || null;
      state.identity = api(customerPath(page.customerId, '/identity'));
      state.identity.catch(() => {}); // each user of it says what failed
      resetTimeline(page);
      renderSummary();
      el.heading.textContent = page.customerId;
      showCustomer();
      if (!el.results.hidden) renderResults();
      setStatus(`${numberFmt.format(page.total)} interactions for ${page.customerId}.`);
      el.heading.focus({ preventScroll: true });
      loadSidePanels(page.customerId, seq);
      resetRecordForm();
    } catch (e) {
      if (seq !== state.requestSeq) return;
      hideCustomer();
      if (e.status === 404) {
        showError('No such customer', `${e.message}. The link may be out of date: search for the customer again.`, 'not-found');
      } else {
        showError('The timeline could not be loaded', e.message, e.status === 400 ? 'invalid' : 'error');
      }
      setStatus('');
    } finally {
      if (seq === state.requestSeq) setBusy(false);
    }
  }

  function resetTimeline(page) {
    state.total = page.total;
    state.items = [];
    state.ratings = new Map();
    state.next = page.next;
    state.filter = null;
    state.bookkeeping = false;
    el.timeline.replaceChildren();
    lastRenderedDay = null;
    appendItems(page.items || []);
  }

  /** The panels beside the timeline load on their own: a slow or failing one never holds the timeline up. */
  function loadSidePanels(customerId, seq) {
    loadIdentityPanel(seq);
    loadNextBestAction(customerId, seq);
    loadRelations(customerId, seq);
    loadConsents(customerId, seq);
    loadTokens(customerId, seq);
  }

  async function loadMore() {
    if (!state.next) return;
    const seq = state.requestSeq;
    el.loadMore.disabled = true;
    el.loadMore.textContent = 'Loading…';
    el.loadMore.setAttribute('aria-busy', 'true');
    clearError();
    try {
      const page = await api(state.next);
      if (seq !== state.requestSeq) return;
      const firstNew = appendItems(page.items || []);
      state.next = page.next;
      state.total = page.total;
      renderSummary();
      setStatus(`Loaded ${numberFmt.format(loadedInteractions())} of ${numberFmt.format(state.total)} interactions.`);
      if (firstNew && !firstNew.hidden) firstNew.focus({ preventScroll: false });
    } catch (e) {
      if (seq !== state.requestSeq) return;
      showError('More interactions could not be loaded', e.message, 'error');
    } finally {
      el.loadMore.disabled = false;
      el.loadMore.removeAttribute('aria-busy');
      el.loadMore.textContent = 'Load more';
      renderMore();
    }
  }

  function showCustomer() {
    el.welcome.hidden = true;
    el.customer.hidden = false;
  }

  function hideCustomer() {
    el.customer.hidden = true;
    state.customerId = null;
  }

  // ---------- summary ----------
  // The timeline holds identity decisions and events too; counts and totals are about interactions.
  function loadedInteractions() {
    return state.items.filter((it) => !it.kind || it.kind === 'interaction').length;
  }

  function channelCounts() {
    const counts = new Map();
    for (const it of state.items) if (!it.kind || it.kind === 'interaction') counts.set(it.channel, (counts.get(it.channel) || 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || CHANNEL_ORDER.indexOf(a[0]) - CHANNEL_ORDER.indexOf(b[0]));
  }

  function renderSummary() {
    el.customerIdLine.textContent = state.customerId;
    const m = state.foundBy && state.foundBy.matchedBy && state.foundBy.matchedBy[0];
    el.foundBy.textContent = m ? `Found by ${matchText(m)} · ${m.why}` : 'Customer';
    el.merged.hidden = !state.mergedFrom;
    el.merged.textContent = state.mergedFrom ? `${state.mergedFrom} was merged into this customer; showing the merged story.` : '';
    el.total.textContent = numberFmt.format(state.total);

    const interactions = state.items.filter((it) => !it.kind || it.kind === 'interaction');
    const newest = interactions.length ? parseDate(interactions[0].occurredAt) : null;
    const oldest = interactions.length ? parseDate(interactions[interactions.length - 1].occurredAt) : null;
    const complete = !state.next;
    el.last.textContent = newest ? dateFmt.format(newest) : '–';
    el.last.title = newest ? `${dateTimeFmt.format(newest)} (${relative(newest)})` : '';
    el.firstLabel.textContent = complete ? 'First seen' : 'Earliest loaded';
    el.first.textContent = oldest ? dateFmt.format(oldest) : '–';
    el.first.title = oldest ? dateTimeFmt.format(oldest) + (complete ? '' : ' (load more to see older interactions)') : '';

    const counts = channelCounts();
    const loaded = loadedInteractions();
    el.channelsNote.textContent = loaded === 0 ? '' : complete
      ? `all ${numberFmt.format(loaded)} interactions`
      : `from the ${numberFmt.format(loaded)} most recent of ${numberFmt.format(state.total)}`;

    el.bar.replaceChildren();
    el.chips.replaceChildren();
    const described = [];
    for (const [channel, n] of counts) {
      const info = channelInfo(channel);
      const pct = (100 * n) / loaded;
      described.push(`${info.label} ${n}`);
      el.bar.append(h('span', { class: `bar-seg ${chClass(channel)}`, style: `flex-grow:${n}`, title: `${info.label}: ${n} (${pct.toFixed(0)}%)`, 'data-channel': channel }));
      const pressed = state.filter === channel;
      el.chips.append(h('button', {
        type: 'button', class: `chip chip-channel ${chClass(channel)}`, 'aria-pressed': String(pressed), 'data-channel': channel,
        'data-testid': 'channel-count', title: pressed ? 'Show all channels' : `Show only ${info.label}`,
        onclick: () => setFilter(pressed ? null : channel),
      }, h('span', { class: 'chip-icon', html: svg(info.icon) }), h('span', { class: 'chip-label', text: info.label }), h('span', { class: 'chip-count', text: numberFmt.format(n) })));
    }
    // What happened with the customer comes first: the bookkeeping (consent answers, token movements, identity
    // decisions) is one chip away, not in front of the interactions.
    const kept = state.items.length - loaded;
    if (kept) {
      el.chips.append(h('button', {
        type: 'button', class: 'chip chip-bookkeeping', 'aria-pressed': String(state.bookkeeping), 'data-testid': 'bookkeeping-toggle',
        title: state.bookkeeping ? 'Show the interactions only' : 'Show consents, token movements and identity decisions among the interactions',
        onclick: () => { state.bookkeeping = !state.bookkeeping; renderSummary(); },
      }, h('span', { class: 'chip-label', text: state.bookkeeping ? 'Bookkeeping shown' : 'Bookkeeping' }), h('span', { class: 'chip-count', text: numberFmt.format(kept) })));
    }
    el.bar.setAttribute('aria-label', described.length ? `Interactions per channel: ${described.join(', ')}` : 'No interactions');
    el.bar.hidden = loaded === 0;
    renderMore();
    applyFilter();
  }

  function renderMore() {
    el.loadMore.hidden = !state.next;
    const remaining = Math.max(0, state.total - loadedInteractions());
    if (state.next) el.loadMore.textContent = remaining ? `Load more (${numberFmt.format(remaining)} older)` : 'Load more';
    el.endNote.hidden = !!state.next || state.items.length === 0;
    el.timelineEmpty.hidden = state.items.length !== 0;
  }

  function setFilter(channel) {
    state.filter = channel;
    renderSummary();
  }

  function applyFilter() {
    let visible = 0;
    for (const li of el.timeline.children) {
      if (li.classList.contains('day')) continue;
      const show = (!state.filter || li.dataset.channel === state.filter) && (state.bookkeeping || li.dataset.kind === 'interaction');
      li.hidden = !show;
      if (show) visible++;
    }
    // Day headings show only when one of their items does.
    let heading = null, headingHasItems = false;
    for (const li of el.timeline.children) {
      if (li.classList.contains('day')) {
        if (heading) heading.hidden = !headingHasItems;
        heading = li;
        headingHasItems = false;
      } else if (!li.hidden) headingHasItems = true;
    }
    if (heading) heading.hidden = !headingHasItems;
    el.filterEmpty.hidden = !((state.filter || !state.bookkeeping) && visible === 0 && state.items.length > 0);
    el.filterEmpty.textContent = state.filter ? `No ${channelInfo(state.filter).label.toLowerCase()} interactions among those loaded.`
      : 'No interactions among those loaded: load more, or show the bookkeeping.';
  }

  // ---------- timeline ----------
  let lastRenderedDay = null;

  function appendItems(items) {
    let first = null;
    for (const it of items) {
      if (it.kind === 'identity') {
        // An identity decision about this customer (a merge, a match, an unmerge...): dated when it was taken.
        it.occurredAt = it.decision.at;
        it.channel = 'identity';
      } else if (EVENT_KINDS.has(it.kind)) {
        it.occurredAt = it.at;
        it.via = it.channel;
        it.channel = it.kind;
        if (it.kind === 'rating' && it.about !== undefined && !state.ratings.has(it.about)) state.ratings.set(it.about, it);
      }
      state.items.push(it);
      const d = parseDate(it.occurredAt);
      const key = dayKey(d);
      if (key !== lastRenderedDay) {
        lastRenderedDay = key;
        el.timeline.append(h('li', { class: 'day', 'aria-hidden': 'true' }, h('span', { text: d ? dayFmt.format(d) : 'Unknown date' })));
      }
      const li = renderItem(it, d);
      el.timeline.append(li);
      if (it.kind === 'identity') namePeople(li, state.requestSeq);
      if (!first) first = li;
    }
    return first;
  }

  // ---------- next best action ----------
  const nba = {
    panel: $('nba-panel'), action: $('nba-action'), reason: $('nba-reason'), scores: $('nba-scores'), rows: $('nba-rows'),
    record: $('nba-record'), outcome: $('nba-outcome'), note: $('nba-note'), entry: null,
    proposals: $('nba-proposals'), proposalsBox: $('nba-proposals-box'), why: $('nba-why'),
  };

  /** What the arbitration says for this customer now, beside the timeline; never blocks the timeline itself. */
  async function loadNextBestAction(customerId, seq) {
    nba.entry = null;
    nba.panel.setAttribute('aria-busy', 'true');
    nba.action.replaceChildren(h('span', { class: 'loading-line' }, 'Weighing the options…'));
    nba.reason.textContent = '';
    nba.why.replaceChildren();
    nba.scores.textContent = '';
    nba.record.hidden = true;
    nba.outcome.hidden = true;
    nba.note.textContent = '';
    try {
      const [r, p] = await Promise.all([
        api(`/v1/customers/${encodeURIComponent(customerId)}/next-best-action`),
        api(`/v1/customers/${encodeURIComponent(customerId)}/propensities`),
      ]);
      if (seq !== state.requestSeq) return;
      renderNextBestAction(r, p);
    } catch (e) {
      if (seq !== state.requestSeq) return;
      nba.panel.setAttribute('aria-busy', 'false');
      nba.action.textContent = 'No recommendation right now';
      nba.reason.textContent = `The recommendation could not be worked out: ${e.message}`;
      nba.record.hidden = true;
    }
  }

  function renderNextBestAction(r, p) {
    const nothing = r.action === 'do-nothing';
    nba.action.textContent = nothing ? 'Nothing to offer: just help the customer' : `${humanise(r.action)}${r.channel && r.channel !== 'none' ? ` · ${channelInfo(r.channel).label}` : ''}`;
    nba.action.dataset.action = r.action;
    nba.reason.textContent = r.reason;
    nba.record.hidden = nothing;
    nba.record.disabled = false;
    const chosen = r.candidates.find((c) => c.action === r.action);
    // Its reasons: what drives the score, the sum itself, and what ruled the others out.
    const why = [];
    if (chosen && !nothing) {
      for (const d of chosen.drivers || []) why.push(h('li', null, typeof d === 'string' ? d : `${humanise(d.feature || d.name)}: ${d.value ?? ''}`));
      why.push(h('li', null, chosen.purpose === 'service' ? 'A service action: no consent needed'
        : `Allowed: the customer consented to ${(PURPOSE_NAMES[chosen.purpose] || chosen.purpose).toLowerCase()}`));
    }
    const ruledOut = r.candidates.filter((c) => c.blockedBy.length).length;
    if (ruledOut) why.push(h('li', null, `${ruledOut} other action${ruledOut === 1 ? '' : 's'} ruled out (see all candidates)`));
    nba.why.replaceChildren(...why);
    nba.panel.setAttribute('aria-busy', 'false');
    nba.record.textContent = chosen && chosen.kind === 'offer' ? 'Make this offer now' : 'Do this now and record it';
    nba.outcome.hidden = true;
    nba.note.textContent = '';
    const scores = Object.entries(p.scores || {}).map(([name, s]) => `${humanise(name)} ${(s.probability * 100).toFixed(0)}%`);
    nba.scores.textContent = scores.length ? scores.join(' · ') : (p.personalisation === false ? 'No personalisation consent' : 'No model trained yet');
    nba.rows.replaceChildren(...r.candidates.map((c) => h('tr', { class: c.blockedBy.length ? 'ruled-out' : '' },
      h('th', { scope: 'row' }, humanise(c.action)), h('td', null, humanise(c.purpose)),
      h('td', { class: 'num' }, c.blockedBy.length ? '–' : c.score.toFixed(2)),
      h('td', null, c.blockedBy.length ? c.blockedBy.join('; ') : (c.action === r.action ? 'chosen' : 'scored lower')))));
    const proposed = r.proposedByContracts || [];
    nba.proposals.replaceChildren(...proposed.map((x) => h('li', null, h('strong', null, humanise(x['param.action'])),
      ` — ${x['param.reason'] || ''} (contract ${x.contract} v${x.version}, ${dateTimeFmt.format(parseDate(x.at))})`)));
    nba.proposalsBox.hidden = proposed.length === 0;
  }

  nba.record.addEventListener('click', async () => {
    nba.record.disabled = true;
    nba.note.textContent = 'Recording…';
    try {
      const res = await api(`/v1/customers/${encodeURIComponent(state.customerId)}/next-best-action`, { method: 'POST', body: { actor: actor() } });
      nba.entry = res.entry;
      nba.note.textContent = `Recorded on the ledger as entry #${res.entry}. How did the customer answer?`;
      nba.outcome.hidden = false;
      nba.record.hidden = true;
    } catch (e) {
      nba.record.disabled = false;
      nba.note.textContent = `Not recorded: ${e.message}`;
    }
  });

  nba.outcome.addEventListener('click', async (ev) => {
    const b = ev.target.closest('button[data-outcome]');
    if (!b || nba.entry == null) return;
    for (const x of nba.outcome.querySelectorAll('button')) x.disabled = true;
    try {
      const res = await api(`/v1/recommendations/${nba.entry}/outcome`, { method: 'POST', body: { outcome: b.dataset.outcome, channel: workingChannel() } });
      nba.note.textContent = `Outcome “${b.dataset.outcome}” recorded as entry #${res.entry}. It counts towards this action's acceptance rate.`;
      nba.outcome.hidden = true;
    } catch (e) {
      nba.note.textContent = `Not recorded: ${e.message}`;
      for (const x of nba.outcome.querySelectorAll('button')) x.disabled = false;
    }
  });

  // What each identity decision says, in an agent's words.
  const DECISION_TEXT = {
    merged: (d) => `Merged with ${d.otherCustomerId}`,
    'merge-refused': (d) => `Not merged with ${d.otherCustomerId}`,
    'link-refused': (d) => `A ${humanise(d.identifierType).toLowerCase()} was not linked`,
    matched: () => 'Matched on personal details',
    review: (d) => `Possible match with ${d.otherCustomerId} waits for review`,
    'review-accepted': (d) => `Review accepted: ${d.customerId} and ${d.otherCustomerId} are one customer`,
    'review-rejected': (d) => `Review rejected: ${d.customerId} and ${d.otherCustomerId} stay apart`,
    unmerged: (d) => `Unmerged: ${d.otherCustomerId} split off ${d.customerId}`,
    relationship: (d) => `${humanise(d.relationship.type)}: ${d.customerId} \u2192 ${d.otherCustomerId}`,
    'relationship-ended': (d) => `${humanise(d.relationship.type)} ended ${d.relationship.validTo}`,
  };
  const IDENTITY_ICON = '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><path d="M16 11l2 2 4-4"/>';

  function renderDecision(it, d) {
    const dec = it.decision;
    const titleId = `ix-${it.index}-title`;
    const text = (DECISION_TEXT[dec.decision] || (() => humanise(dec.decision)))(dec);
    const time = h('time', { datetime: dec.at, title: d ? `${dateTimeFmt.format(d)} \u00b7 ${relative(d)}` : dec.at }, d ? dateTimeFmt.format(d) : dec.at);
    const body = [];
    if (dec.rule) body.push(h('p', { class: 'item-text', 'data-testid': 'decision-rule' }, dec.rule));
    if (dec.score && dec.score.contributions) {
      body.push(h('div', { class: 'row' }, h('span', { class: 'row-k' }, 'Evidence'),
        h('ul', { class: 'tags', 'data-testid': 'decision-evidence' }, dec.score.contributions.map((c) =>
          h('li', { class: `tag ${c.weight >= 0 ? 'tag-product' : 'tag-party'}`, title: `${c.weight >= 0 ? '+' : ''}${c.weight.toFixed(1)} bits` },
            `${humanise(c.field)}: ${c.level}`)))));
    }
    if (dec.actor) body.push(h('p', { class: 'meta-v' }, `By ${dec.actor}${dec.reason ? ` \u2014 ${dec.reason}` : ''}`));
    return h('li', {
      class: 'item item-identity', 'data-testid': 'timeline-item', 'data-index': it.index, 'data-channel': 'identity', 'data-kind': 'identity',
      'data-decision': dec.decision, tabindex: '-1', 'aria-labelledby': titleId,
    }, h('span', { class: 'channel-badge ch-other', title: 'Identity decision', html: svg(IDENTITY_ICON) }),
    h('article', { class: 'item-card' },
      h('div', { class: 'item-head' }, h('h4', { class: 'item-title', id: titleId, 'data-testid': 'item-type' }, withPeople(text)),
        h('span', { class: 'channel-name ch-other' }, 'Identity'), h('span', { class: 'item-time' }, time)),
      body, h('div', { class: 'item-foot' }, renderLedgerRef(it.index))));
  }

  const PURPOSE_TEXT = { service: 'service', analytics: 'analytics', personalisation: 'personalisation', marketing: 'marketing', model_training: 'model training' };

  // A consent given or withdrawn, or the customer's rating of an interaction.
  function renderEvent(it, d) {
    const titleId = `ix-${it.index}-title`;
    const TOKEN_TEXT = {
      mint: () => `Earned ${it.amount} token${it.amount === 1 ? '' : 's'}${it.reason ? ` \u2014 ${it.reason}` : ''}`,
      burn: () => `Redeemed ${it.amount} tokens for ${it.benefit}`,
      expire: () => `${it.amount} tokens expired`,
    };
    const title = it.kind === 'consent' ? `Consent to ${PURPOSE_TEXT[it.purpose] || it.purpose} ${it.state}`
      : it.kind === 'token' ? (TOKEN_TEXT[it.movement] || (() => humanise(it.movement)))()
        : it.kind === 'action' ? `${humanise(it.action)}: ${it['param.action'] || it['param.task'] || it['param.campaign'] || it['param.template'] || ''}`
          : it.kind === 'recommendation' ? `Next best action made: ${humanise(it.action)}${it.via ? ` via ${channelInfo(it.via).label}` : ''}`
            : it.kind === 'outcome' ? `${humanise(it.outcome)}: ${humanise(it.action)} (recommendation #${it.about})`
              : `Rated interaction #${it.about}`;
    const time = h('time', { datetime: it.at, title: d ? `${dateTimeFmt.format(d)} \u00b7 ${relative(d)}` : it.at }, d ? dateTimeFmt.format(d) : it.at);
    const body = [];
    if (it.kind === 'rating') body.push(h('div', { class: 'row' }, renderRating(it.rating), it.agent ? h('span', { class: 'meta-v' }, ` for ${it.agent}`) : null));
    if (it.comment) body.push(h('p', { class: 'item-text', 'data-testid': 'item-text' }, it.comment));
    if (it.kind === 'consent') body.push(h('p', { class: 'meta-v' }, `Via ${channelInfo(it.via).label}${it.reason ? ` \u2014 ${it.reason}` : ''}`));
    if (it.kind === 'recommendation' && it.reason) body.push(h('p', { class: 'meta-v' }, it.reason));
    if ((it.kind === 'token' || it.kind === 'action') && it.contract) body.push(h('p', { class: 'meta-v' }, `By contract ${it.contract} v${it.version}, for entry #${it.about}`));
    return h('li', {
      class: 'item item-event', 'data-testid': 'timeline-item', 'data-index': it.index, 'data-channel': it.kind, 'data-kind': it.kind,
      tabindex: '-1', 'aria-labelledby': titleId,
    }, h('span', { class: 'channel-badge ch-other', title: humanise(it.kind), html: svg(it.kind === 'rating'
      ? '<path d="m12 3 2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z"/>'
      : '<rect x="4" y="4" width="16" height="16" rx="3"/><path d="m8 12 3 3 5-6"/>') }),
    h('article', { class: 'item-card' },
      h('div', { class: 'item-head' }, h('h4', { class: 'item-title', id: titleId, 'data-testid': 'item-type' }, title),
        h('span', { class: 'channel-name ch-other' }, humanise(it.kind)), h('span', { class: 'item-time' }, time)),
      body, h('div', { class: 'item-foot' }, renderLedgerRef(it.index))));
  }

  /** Ledger entries about the customer that are not interactions: shown as events on the timeline. */
  const EVENT_KINDS = new Set(['consent', 'rating', 'token', 'action', 'recommendation', 'outcome']);

  /** The sentiment of a message, as a small labelled badge with what drove it in its tooltip. */
  function renderSentiment(s) {
    const label = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' }[s.label] || s.label;
    const why = (s.drivers || []).join('; ');
    const by = s.analyzer ? `Read by the ${s.analyzer}` : '';
    return h('span', {
      class: `sentiment sentiment-${s.label}`, 'data-testid': 'item-sentiment', 'data-sentiment': s.label,
      'data-analyzer': s.analyzer || '', title: [by, why ? `Driven by: ${why}` : ''].filter(Boolean).join('. '), 'aria-label': `Sentiment ${label}, score ${s.score}${why ? `, driven by ${why}` : ''}`,
    }, `${label} ${s.score > 0 ? '+' : ''}${Number(s.score).toFixed(2)}`);
  }

  function renderItem(it, d) {
    if (it.kind === 'identity') return renderDecision(it, d);
    if (EVENT_KINDS.has(it.kind)) return renderEvent(it, d);
    const info = channelInfo(it.channel);
    const typeLabel = humanise(it.type) || 'Interaction';
    const titleId = `ix-${it.index}-title`;

    const badge = h('span', {
      class: `channel-badge ${chClass(it.channel)}`, 'data-testid': 'channel-badge', 'data-channel': it.channel,
      title: info.label, html: svg(info.icon),
    });

    const time = h('time', { datetime: it.occurredAt, title: d ? `${dateTimeFmt.format(d)} · ${relative(d)}` : it.occurredAt, 'data-testid': 'item-time' },
      d ? dateTimeFmt.format(d) : it.occurredAt);

    const head = h('div', { class: 'item-head' },
      h('h4', { class: 'item-title', id: titleId, 'data-testid': 'item-type' }, typeLabel),
      h('span', { class: `channel-name ${chClass(it.channel)}` }, info.label),
      h('span', { class: 'item-time' }, time));

    const meta = h('ul', { class: 'meta', 'aria-label': 'Details' },
      h('li', null, h('span', { class: 'meta-k' }, 'Source'), h('span', { class: 'meta-v', 'data-testid': 'item-source' }, it.source)),
      h('li', null, h('span', { class: 'meta-k' }, 'Handled by'), h('span', { class: 'meta-v', 'data-testid': 'item-agent' }, it.agentId || 'self-service, no agent')),
      h('li', null, h('span', { class: 'meta-k' }, 'Role'),
        h('span', { class: `role role-${it.role === 'subject' ? 'subject' : 'other'}`, 'data-testid': 'item-role', 'data-role': it.role, title: ROLE_TEXT[it.role] ? `The customer ${ROLE_TEXT[it.role]}` : '' },
          h('strong', null, it.role), ROLE_TEXT[it.role] ? ` \u00b7 ${ROLE_TEXT[it.role]}` : '')),
      Number.isInteger(it.rating) ? h('li', null, renderRating(it.rating)) : null,
      state.ratings.has(it.index) ? h('li', { 'data-testid': 'item-customer-rating' }, h('span', { class: 'meta-k' }, 'Customer rated'),
        renderRating(state.ratings.get(it.index).rating)) : null);

    const body = [];
    if (it.products && it.products.length) {
      body.push(h('div', { class: 'row' }, h('span', { class: 'row-k' }, 'Products'),
        h('ul', { class: 'tags', 'data-testid': 'item-products' }, it.products.map((p) => h('li', { class: 'tag tag-product' }, p)))));
    }
    if (it.text) body.push(h('p', { class: 'item-text', 'data-testid': 'item-text' }, it.text));
    if (it.sentiment) body.push(h('div', { class: 'row' }, renderSentiment(it.sentiment)));
    if (it.erased) {
      body.push(h('p', { class: 'erased', 'data-testid': 'item-erased' },
        'Personal details were erased at the customer\u2019s request. The ledger entry and its proof still verify.'));
    }
    if (it.identifiers && it.identifiers.length) {
      body.push(h('div', { class: 'row' }, h('span', { class: 'row-k' }, 'Identifiers'),
        h('ul', { class: 'tags', 'data-testid': 'item-identifiers' }, it.identifiers.map((id) => h('li', { class: 'tag tag-id mono' }, idText(id))))));
    }
    if (it.parties && it.parties.length) {
      body.push(h('div', { class: 'row' }, h('span', { class: 'row-k' }, 'Parties'),
        h('ul', { class: 'tags', 'data-testid': 'item-parties' }, it.parties.map((p) =>
          h('li', { class: 'tag tag-party' }, h('strong', null, `${p.role}: `), h('span', { class: 'mono' }, (p.identifiers || []).map(idText).join(', ')))))));
    }
    const attrs = it.attributes ? Object.entries(it.attributes) : [];
    if (attrs.length) {
      body.push(h('details', { class: 'attrs' }, h('summary', null, `Source attributes (${attrs.length})`),
        h('dl', { class: 'attr-list' }, attrs.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))))));
    }

    const footer = h('div', { class: 'item-foot' }, renderLedgerRef(it.index),
      h('span', { class: 'ix-id mono', title: `Interaction ${it.id}, record ${it.sourceRecordId} in ${it.source}` }, it.id));

    return h('li', {
      class: `item${state.justAdded === it.index ? ' just-added' : ''}`, 'data-testid': 'timeline-item', 'data-index': it.index,
      'data-channel': it.channel, 'data-id': it.id, 'data-kind': 'interaction', tabindex: '-1', 'aria-labelledby': titleId,
    }, badge, h('article', { class: 'item-card' }, head, meta, body, renderWhy(it), footer));
  }

  function renderRating(r) {
    const stars = h('span', { class: 'stars', role: 'img', 'aria-label': `Rated ${r} out of 5`, 'data-testid': 'item-rating', 'data-rating': r });
    for (let k = 1; k <= 5; k++) stars.append(h('span', { class: k <= r ? 'star on' : 'star', 'aria-hidden': 'true' }, '\u2605'));
    return stars;
  }

  function renderLedgerRef(index) {
    const size = state.checkpointSize;
    const label = h('span', { class: 'ledger-index' }, 'Ledger ', h('span', { class: 'mono' }, `#${index}`));
    if (size !== null && index < size) {
      return h('span', { class: 'ledger' }, label, ' \u00b7 ', h('a', {
        href: `/v1/ledger/proofs/inclusion?index=${index}&treeSize=${size}`, target: '_blank', rel: 'noopener',
        'data-testid': 'proof-link', title: `Inclusion proof of entry ${index} in the signed tree of size ${size}`,
      }, 'Inclusion proof'));
    }
    return h('span', { class: 'ledger' }, label, ' \u00b7 ', h('span', { class: 'pending', title: 'Not yet covered by a signed checkpoint' }, 'awaiting checkpoint'));
  }

  // ---------- why is this record here (identity explanations, per record) ----------
  function renderWhy(it) {
    const body = h('div', { class: 'why-body', 'data-testid': 'why-body' }, h('p', { class: 'loading-line' }, 'Reading the identity decisions…'));
    const details = h('details', { class: 'why', 'data-testid': 'why' },
      h('summary', null, 'Why is this here?'), body);
    details.addEventListener('toggle', async () => {
      if (!details.open || details.dataset.filled) return;
      details.dataset.filled = 'true';
      try {
        body.replaceChildren(...explainRecord(it, await state.identity));
      } catch (e) {
        delete details.dataset.filled;
        body.replaceChildren(h('p', { class: 'panel-error' }, `The explanation could not be loaded: ${e.message}`));
      }
    }, { once: false });
    return details;
  }

  /**
   * The identifiers of this record that are linked to the customer (when, from which record, by which rule), the
   * identity decisions this record caused, and the merge that brought it if it was first another customer's.
   */
  function explainRecord(it, identity) {
    const out = [];
    const linked = new Map(identity.identifiers.map((i) => [`${i.type}:${i.value}`, i]));
    const carried = [...(it.identifiers || []), ...(it.parties || []).flatMap((p) => p.identifiers || [])];
    const placing = [], other = [];
    for (const id of carried) {
      const l = linked.get(idText(id));
      if (l) placing.push(h('li', { 'data-testid': 'why-identifier', 'data-identifier': idText(id) },
        h('strong', null, `${idLabel(id.type)} ${id.value}`), ' — ',
        l.linkedAt === it.index ? 'this record brought it to the customer' : `linked at entry #${l.linkedAt} by ${l.source} record ${l.sourceRecordId}`,
        h('span', { class: 'why-rule' }, `: ${l.rule}`)));
      else other.push(idText(id));
    }
    if (placing.length) out.push(h('p', { class: 'why-lead' }, 'Placed on this customer by:'), h('ul', { class: 'why-list' }, placing));
    if (other.length) out.push(h('p', { class: 'why-other' }, `Also carries, not linked to this customer: ${other.join(', ')}.`));
    for (const d of identity.decisions.filter((x) => x.about === it.index)) {
      out.push(h('p', { class: 'why-decision', 'data-testid': 'why-decision', 'data-decision': d.decision },
        h('strong', null, (DECISION_TEXT[d.decision] || (() => humanise(d.decision)))(d)), d.rule ? ` — ${d.rule}` : '',
        ` (entry #${d.entry})`));
    }
    for (const m of identity.merges.filter((x) => x.at === it.index)) {
      out.push(h('p', { class: 'why-decision' }, h('strong', null, `This record merged ${m.absorbed} into this customer`),
        m.evidence && m.evidence.length ? `: both had ${m.evidence.join(', ')}` : ''));
    }
    if (it.customerId && it.customerId !== identity.customerId) {
      const m = identity.merges.find((x) => x.absorbed === it.customerId);
      out.push(h('p', { class: 'why-decision' }, `First recorded for ${it.customerId}`,
        m ? `, merged into this customer at entry #${m.at} (${m.evidence.join(', ')})` : ''));
    }
    if (it.role && it.role !== 'subject') {
      out.push(h('p', { class: 'why-role' }, `The customer is not the subject of this record: they ${ROLE_TEXT[it.role] || `are its ${it.role}`}.`));
    }
    if (!placing.length && !out.length) {
      out.push(h('p', null, it.erased
        ? 'Its personal details were erased, so its identifiers can no longer be shown; the ledger still attributes it to this customer.'
        : 'None of its identifiers is linked to this customer any more (an unmerge moved them); the ledger attributes it here by its identity decisions.'));
    }
    return out;
  }

  // ---------- who this is ----------
  const identityPanel = { panel: $('identity-panel'), body: $('identity-body') };

  async function loadIdentityPanel(seq) {
    loadingPanel(identityPanel.panel, identityPanel.body, 'Loading identity…');
    try {
      const identity = await state.identity;
      if (seq !== state.requestSeq) return;
      const name = identity.identifiers.find((i) => i.type === 'name' && i.value);
      el.heading.textContent = name ? name.value : identity.customerId;
      const strong = identity.identifiers.filter((i) => STRONG_TYPES.includes(i.type));
      const weak = identity.identifiers.filter((i) => !STRONG_TYPES.includes(i.type));
      const row = (i) => h('li', { 'data-testid': 'identity-identifier', 'data-type': i.type },
        h('span', { class: 'id-type' }, idLabel(i.type)), h('span', { class: 'id-value mono' }, i.value ?? '(erased)'),
        h('span', { class: 'id-why' }, `${i.rule} · entry #${i.linkedAt}, ${i.source} ${i.sourceRecordId}`));
      const content = [];
      content.push(strong.length ? h('ul', { class: 'id-list' }, strong.map(row))
        : h('p', { class: 'panel-empty' }, 'No strong identifier: this customer was placed by the probabilistic matcher. Ask for an email or account number.'));
      if (weak.length) content.push(h('details', { class: 'id-more' }, h('summary', null, `${weak.length} more details kept as evidence`), h('ul', { class: 'id-list' }, weak.map(row))));
      if (identity.merges.length) {
        content.push(h('h4', null, 'Merged into this customer'), h('ul', { class: 'plain-list', 'data-testid': 'identity-merges' },
          identity.merges.map((m) => h('li', null, h('span', { class: 'mono' }, m.absorbed), ` at entry #${m.at}`,
            m.evidence.length ? ` — shared ${m.evidence.join(', ')}` : ''))));
      }
      fillPanel(identityPanel.panel, identityPanel.body, content);
      fillRecordIdentifiers(identity);
    } catch (e) {
      if (seq !== state.requestSeq) return;
      panelError(identityPanel.panel, identityPanel.body, 'The identity', e);
      fillRecordIdentifiers(null);
    }
  }

  // ---------- household and relations ----------
  const relations = { panel: $('relations-panel'), body: $('relations-body') };

  async function loadRelations(customerId, seq) {
    loadingPanel(relations.panel, relations.body, 'Loading relations…');
    try {
      const [rel, household] = await Promise.all([
        api(customerPath(customerId, '/relationships')),
        api(`${customerPath(customerId, '/household')}?limit=1`),
      ]);
      if (seq !== state.requestSeq) return;
      const today = new Date().toISOString().slice(0, 10);
      const current = rel.relationships.filter((r) => !r.validTo || r.validTo >= today);
      const ended = rel.relationships.filter((r) => r.validTo && r.validTo < today);
      const members = household.members.filter((m) => m !== customerId);
      const content = [];
      if (members.length) {
        content.push(h('h4', null, `Household · ${members.length + 1} people, ${numberFmt.format(household.total)} interactions together`),
          h('ul', { class: 'relation-list', 'data-testid': 'household-members' }, members.map((m) => h('li', null,
            h('span', { class: 'relation-kind' }, 'Household'), customerLink(m)))));
      }
      const others = current.filter((r) => r.type !== 'household');
      if (others.length) {
        content.push(h('h4', null, 'Proxies and organisations'), h('ul', { class: 'relation-list', 'data-testid': 'relations' }, others.map((r) => {
          const out = r.from === customerId;
          const otherId = out ? r.to : r.from;
          return h('li', { 'data-type': r.type }, h('span', { class: 'relation-kind' }, (RELATION_TEXT[r.type] || ((o) => humanise(r.type)))(out)),
            customerLink(otherId), r.validFrom ? h('span', { class: 'relation-dates' }, ` since ${r.validFrom}`) : null);
        })));
      }
      if (ended.length) {
        content.push(h('details', { class: 'id-more' }, h('summary', null, `${ended.length} ended`), h('ul', { class: 'relation-list' }, ended.map((r) =>
          h('li', null, h('span', { class: 'relation-kind' }, humanise(r.type)), customerLink(r.from === customerId ? r.to : r.from),
            h('span', { class: 'relation-dates' }, ` until ${r.validTo}`))))));
      }
      if (!content.length) {
        content.push(h('p', { class: 'panel-empty', 'data-testid': 'relations-empty' },
          'No household, proxy or organisation recorded. If someone calls for this customer, ask for the customer’s own consent first.'));
      }
      fillPanel(relations.panel, relations.body, content);
      nameLinks(relations.body, seq);
    } catch (e) {
      if (seq !== state.requestSeq) return;
      panelError(relations.panel, relations.body, 'Relations', e);
    }
  }

  /** Related customers by name as well as id (a few: each is a read of that customer's data, and is logged). */
  /** A decision's words with each customer id in it as a reference that {@link namePeople} can put a name on. */
  function withPeople(text) {
    return text.split(/(cu_[0-9a-f]{16})/).map((part, k) => (k % 2
      ? h('span', { class: 'person-ref', 'data-customer': part, title: part }, part) : part));
  }

  /** Names by customer id, from their identity (which the viewer's token may read), asked once per customer. */
  const names = new Map();
  function nameOf(customerId) {
    if (!names.has(customerId)) {
      names.set(customerId, api(customerPath(customerId, '/identity'))
        .then((identity) => ((identity.identifiers || []).find((i) => i.type === 'name' && i.value) || {}).value || null)
        .catch(() => null));
    }
    return names.get(customerId);
  }

  /** Puts names on the customer ids in the timeline's decisions (household links, merges) where the viewer may see them. */
  async function namePeople(root, seq) {
    const refs = [...root.querySelectorAll('.person-ref:not([data-named])')];
    await Promise.all(refs.map(async (ref) => {
      const name = await nameOf(ref.dataset.customer);
      if (name && seq === state.requestSeq) {
        ref.dataset.named = 'true';
        ref.textContent = ref.dataset.customer === state.customerId ? `${name} (this customer)` : name;
      }
    }));
  }

  async function nameLinks(root, seq) {
    const links = [...root.querySelectorAll('a.customer-link')].slice(0, 8);
    await Promise.all(links.map(async (a) => {
      try {
        const identity = await api(customerPath(a.dataset.customer, '/identity'));
        const n = identity.identifiers.find((i) => i.type === 'name' && i.value);
        if (n && seq === state.requestSeq) {
          a.replaceChildren(h('span', { class: 'link-name' }, n.value), ' ', h('span', { class: 'link-id' }, a.dataset.customer));
        }
      } catch (_) { /* the id alone still links to them */ }
    }));
  }

  // ---------- consents ----------
  const consents = { panel: $('consents-panel'), body: $('consents-body'), status: $('consent-status') };

  async function loadConsents(customerId, seq) {
    loadingPanel(consents.panel, consents.body, 'Loading consents…');
    try {
      const c = await api(customerPath(customerId, '/consents'));
      if (seq !== state.requestSeq) return;
      fillPanel(consents.panel, consents.body, renderConsents(c));
    } catch (e) {
      if (seq !== state.requestSeq) return;
      panelError(consents.panel, consents.body, 'Consents', e);
    }
  }

  function consentState(p) {
    if (p.state === 'not needed') return { text: 'Not needed', cls: 'pill' };
    if (p.state === 'never asked') return { text: 'Never asked', cls: 'pill' };
    return p.allowed ? { text: 'Allowed', cls: 'pill pill-ok' } : { text: humanise(p.state), cls: 'pill pill-no' };
  }

  function renderConsents(c) {
    const rows = Object.entries(c.current).map(([purpose, p]) => {
      const s = consentState(p);
      const name = PURPOSE_NAMES[purpose] || humanise(purpose);
      const change = purpose === 'service' ? null : h('button', {
        type: 'button', class: 'btn btn-small', 'data-testid': `consent-change-${purpose}`,
        'aria-label': p.allowed ? `Record that the customer withdraws consent to ${name}` : `Record that the customer gives consent to ${name}`,
        onclick: () => changeConsent(purpose, p.allowed ? 'withdrawn' : 'granted'),
      }, p.allowed ? 'Withdraw' : 'Grant');
      return h('tr', { 'data-purpose': purpose },
        h('th', { scope: 'row' }, name),
        h('td', null, h('span', { class: s.cls, 'data-testid': `consent-state-${purpose}` }, s.text),
          p.at ? h('span', { class: 'consent-since' }, ` ${dateFmt.format(parseDate(p.at))} via ${channelInfo(p.channel).label}`) : null),
        h('td', { class: 'consent-action' }, change));
    });
    const history = c.history.slice().reverse();
    return [
      h('table', { class: 'consent-table', 'data-testid': 'consent-table' },
        h('caption', { class: 'visually-hidden' }, 'Consent per purpose, now'),
        h('tbody', null, rows)),
      h('details', { class: 'id-more', 'data-testid': 'consent-history' },
        h('summary', null, `History (${history.length} entr${history.length === 1 ? 'y' : 'ies'})`),
        history.length ? h('ol', { class: 'plain-list' }, history.map((x) => h('li', null,
          h('strong', null, `${PURPOSE_NAMES[x.purpose] || x.purpose} ${x.state}`), ` ${when(x.at)} via ${channelInfo(x.channel).label}`,
          x.reason ? ` — ${x.reason}` : '', ` (entry #${x.entry})`)))
          : h('p', { class: 'panel-empty' }, 'The customer has never been asked.')),
    ];
  }

  async function changeConsent(purpose, to) {
    const name = PURPOSE_NAMES[purpose] || purpose;
    const reason = await confirmAction({
      title: to === 'granted' ? `Record consent to ${name.toLowerCase()}?` : `Record withdrawal of ${name.toLowerCase()}?`,
      text: `Only when the customer asks for it now. It is recorded on the ledger as said via ${channelInfo(workingChannel()).label}.`,
      ok: to === 'granted' ? 'Record consent' : 'Record withdrawal', reason: 'Customer asked during the conversation',
    });
    if (reason === null) return;
    const customerId = state.customerId, seq = state.requestSeq;
    consents.status.textContent = 'Saving…';
    try {
      const res = await api(customerPath(customerId, '/consents'), { method: 'POST', body: { purpose, state: to, channel: workingChannel(), reason } });
      if (seq !== state.requestSeq) return;
      consents.status.textContent = `Saved: ${name} ${to} (ledger entry #${res.entry}).`;
      await Promise.all([loadConsents(customerId, seq), loadTokens(customerId, seq)]);
    } catch (e) {
      consents.status.textContent = `Not saved: ${e.message}`;
    }
  }

  // ---------- tokens ----------
  const tokens = { panel: $('tokens-panel'), body: $('tokens-body') };
  const MOVEMENT_TEXT = { mint: 'Earned', burn: 'Redeemed', expire: 'Expired' };

  async function loadTokens(customerId, seq) {
    loadingPanel(tokens.panel, tokens.body, 'Loading tokens…');
    try {
      const t = await api(customerPath(customerId, '/tokens'));
      if (seq !== state.requestSeq) return;
      const recent = t.movements.slice().reverse().slice(0, 5);
      fillPanel(tokens.panel, tokens.body,
        h('p', { class: 'balance' }, h('span', { class: 'balance-n', 'data-testid': 'token-balance' }, numberFmt.format(t.balance)), ' tokens'),
        recent.length ? h('ul', { class: 'movement-list', 'data-testid': 'token-movements' }, recent.map((m) => h('li', { 'data-entry': m.entry },
          h('span', { class: `pill movement-${m.movement}` }, MOVEMENT_TEXT[m.movement] || humanise(m.movement)),
          h('span', { class: 'movement-amount' }, `${m.movement === 'mint' ? '+' : '−'}${numberFmt.format(m.amount)}`),
          h('span', { class: 'movement-when' }, when(m.at)),
          h('span', { class: 'movement-entry' }, renderLedgerRef(m.entry)))))
          : h('p', { class: 'panel-empty', 'data-testid': 'tokens-empty' }, 'No tokens yet. Contracts award them, for example for a first consent or a five-star rating.'),
        t.movements.length > recent.length ? h('p', { class: 'panel-note' }, `${t.movements.length - recent.length} older movements are on the timeline.`) : null);
    } catch (e) {
      if (seq !== state.requestSeq) return;
      panelError(tokens.panel, tokens.body, 'Tokens', e);
    }
  }

  // ---------- confirmation ----------
  /** Asks before a change that goes on the ledger; resolves to the reason typed, or null when cancelled. */
  function confirmAction({ title, text, ok, reason = '' }) {
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

  // ---------- record a new interaction (Interaction v1, POST /v1/interactions) ----------
  const rec = {
    card: $('record-card'), toggle: $('record-toggle'), form: $('record-form'), channel: $('rec-channel'), channelNote: $('rec-channel-note'),
    type: $('rec-type'), at: $('rec-at'), agent: $('rec-agent'), text: $('rec-text'), ids: $('rec-ids'), submit: $('rec-submit'),
    cancel: $('rec-cancel'), status: $('rec-status'), error: $('rec-error'), done: $('rec-done'),
  };
  // Which input shows a problem the server names by its Interaction v1 field.
  const FIELD_INPUT = { type: 'rec-type', occurredAt: 'rec-at', agentId: 'rec-agent', text: 'rec-text', identifiers: 'rec-ids', channel: 'rec-channel' };
  const FIELD_LABEL = { type: 'Type', occurredAt: 'Occurred at', agentId: 'Handled by', text: 'Summary and notes', identifiers: 'Identifiers', channel: 'Channel' };

  function localNow() {
    const d = new Date();
    d.setSeconds(0, 0);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  }

  function fillChannels() {
    const own = agentChannel();
    const channels = own ? [own] : Object.keys(CHANNELS).filter((c) => c !== 'external');
    rec.channel.replaceChildren(...channels.map((c) => h('option', { value: c }, channelInfo(c).label)));
    rec.channel.value = own || 'call_centre';
    rec.channel.disabled = !!own;
    rec.channelNote.textContent = own ? `Your token records interactions for ${channelInfo(own).label} only.` : '';
    fillTypes();
  }

  function fillTypes() {
    const chosen = rec.type.value;
    const common = TYPES_BY_CHANNEL[rec.channel.value] || [];
    const rest = GENERAL_TYPES.filter((t) => !common.includes(t));
    rec.type.replaceChildren(h('option', { value: '' }, 'Choose…'),
      h('optgroup', { label: `Usual for ${channelInfo(rec.channel.value).label}` }, common.map((t) => h('option', { value: t }, humanise(t)))),
      rest.length ? h('optgroup', { label: 'Any channel' }, rest.map((t) => h('option', { value: t }, humanise(t)))) : null);
    if ([...rec.type.options].some((o) => o.value === chosen)) rec.type.value = chosen;
  }

  /** The customer's identifiers to put on the record: strong ones, the first of each type ticked. */
  function fillRecordIdentifiers(identity) {
    if (!identity) {
      rec.ids.replaceChildren(h('p', { class: 'panel-error' }, 'The customer’s identifiers could not be loaded, so nothing can be recorded for them now.'));
      return;
    }
    const strong = identity.identifiers.filter((i) => STRONG_TYPES.includes(i.type) && i.value);
    const offered = strong.length ? strong : identity.identifiers.filter((i) => i.value && i.type !== 'name');
    const ticked = new Set();
    rec.ids.replaceChildren(...offered.map((i, k) => {
      const first = !ticked.has(i.type);
      ticked.add(i.type);
      const id = `rec-id-${k}`;
      return h('label', { class: 'check', for: id },
        h('input', { type: 'checkbox', id, 'data-type': i.type, 'data-value': i.value, checked: first, 'data-testid': 'rec-id' }),
        h('span', null, idLabel(i.type)), h('span', { class: 'mono' }, i.value));
    }));
    if (!offered.length) rec.ids.replaceChildren(h('p', { class: 'panel-empty' }, 'This customer has no identifier to record against.'));
  }

  function resetRecordForm() {
    rec.form.hidden = true;
    rec.toggle.setAttribute('aria-expanded', 'false');
    rec.toggle.hidden = false;
    rec.error.hidden = true;
    rec.done.hidden = true;
    rec.status.textContent = '';
    rec.ids.replaceChildren(h('p', { class: 'loading-line' }, 'Loading the customer’s identifiers…'));
    clearFieldErrors();
  }

  function openRecordForm() {
    fillChannels();
    rec.type.value = '';
    rec.at.value = localNow();
    rec.at.max = localNow();
    rec.at.dataset.prefilled = rec.at.value; // left as it is, it means "now", to the second
    rec.agent.value = state.me && state.me.role === 'agent' ? state.me.name : (rec.agent.value || '');
    rec.text.value = '';
    rec.form.hidden = false;
    rec.done.hidden = true;
    rec.error.hidden = true;
    rec.toggle.setAttribute('aria-expanded', 'true');
    rec.toggle.hidden = true;
    clearFieldErrors();
    rec.type.focus();
  }

  function closeRecordForm() {
    rec.form.hidden = true;
    rec.toggle.hidden = false;
    rec.toggle.setAttribute('aria-expanded', 'false');
    rec.toggle.focus();
  }

  function clearFieldErrors() {
    for (const p of rec.form.querySelectorAll('.field-error')) { p.hidden = true; p.textContent = ''; }
    for (const i of rec.form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
  }

  function fieldError(field, reason) {
    const p = rec.form.querySelector(`.field-error[data-field="${field}"]`);
    const input = $(FIELD_INPUT[field] || '');
    const text = `${FIELD_LABEL[field] || field}: ${reason}`;
    if (p) { p.textContent = text; p.hidden = false; }
    if (input) input.setAttribute('aria-invalid', 'true');
    return text;
  }

  /** What the form says is wrong before anything is sent, each problem naming its field. */
  function validateRecord(body, atRaw) {
    const problems = [];
    if (!body.type) problems.push(['type', 'choose what kind of interaction this was']);
    if (!atRaw) problems.push(['occurredAt', 'give the date and time it happened']);
    else if (!body.occurredAt) problems.push(['occurredAt', 'is not a date and time']);
    else if (Date.parse(body.occurredAt) > Date.now() + 60000) problems.push(['occurredAt', 'cannot be in the future']);
    if (!body.text) problems.push(['text', 'write what the customer asked for and what you did']);
    else if (body.text.length > 20000) problems.push(['text', 'is longer than 20,000 characters']);
    if (body.agentId && body.agentId.length > 512) problems.push(['agentId', 'is longer than 512 characters']);
    if (!body.identifiers.length) problems.push(['identifiers', 'tick at least one, or the ledger cannot tell whose interaction this is']);
    return problems;
  }

  function randomId() {
    const b = new Uint8Array(8);
    crypto.getRandomValues(b);
    return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  }

  async function submitRecord(ev) {
    ev.preventDefault();
    clearFieldErrors();
    rec.error.hidden = true;
    const atRaw = rec.at.value;
    const at = atRaw === rec.at.dataset.prefilled ? new Date() : atRaw ? new Date(atRaw) : null;
    const body = {
      source: 'console',
      sourceRecordId: `console-${Date.now().toString(36)}-${randomId()}`,
      occurredAt: at && !Number.isNaN(at.getTime()) ? at.toISOString() : null,
      channel: rec.channel.value,
      type: rec.type.value,
      identifiers: [...rec.ids.querySelectorAll('input[type=checkbox]:checked')].map((c) => ({ type: c.dataset.type, value: c.dataset.value })),
      agentId: rec.agent.value.trim() || undefined,
      text: rec.text.value.trim(),
    };
    const problems = validateRecord(body, atRaw);
    if (problems.length) {
      const texts = problems.map(([f, r]) => fieldError(f, r));
      rec.status.textContent = `Not recorded: ${texts.join('; ')}.`;
      const first = $(FIELD_INPUT[problems[0][0]]);
      if (first) (first.matches('div') ? first.querySelector('input') || first : first).focus();
      return;
    }
    const customerId = state.customerId, seq = state.requestSeq;
    rec.submit.disabled = true;
    rec.submit.setAttribute('aria-busy', 'true');
    rec.status.textContent = 'Recording on the ledger…';
    try {
      const res = await api('/v1/interactions', { method: 'POST', body });
      if (seq !== state.requestSeq) return;
      rec.status.textContent = '';
      state.justAdded = res.index;
      const [page] = await Promise.all([api(`${customerPath(customerId, '/timeline')}?limit=${PAGE_SIZE}`), loadCheckpoint()]);
      if (seq !== state.requestSeq) return;
      resetTimeline(page);
      renderSummary();
      rec.form.hidden = true;
      rec.toggle.hidden = false;
      rec.toggle.setAttribute('aria-expanded', 'false');
      rec.done.replaceChildren(h('strong', null, 'Recorded.'), ` ${humanise(body.type)} is ledger entry #${res.index} (interaction ${res.id}); it is at the top of the timeline.`);
      rec.done.hidden = false;
      // What to do next and the rewards may change with what just happened.
      loadNextBestAction(customerId, seq);
      loadTokens(customerId, seq);
      const added = el.timeline.querySelector(`li.item[data-index="${res.index}"]`);
      if (added) added.focus();
      else rec.done.append(' It belongs to another customer now: the identifiers led elsewhere.');
    } catch (e) {
      if (seq !== state.requestSeq) return;
      rec.status.textContent = '';
      const named = e.answer && Array.isArray(e.answer.problems) ? e.answer.problems : [];
      const shown = named.filter((p) => FIELD_INPUT[String(p.field).replace(/\[.*$/, '')]).map((p) => fieldError(String(p.field).replace(/\[.*$/, ''), p.reason));
      const channelRefused = e.status === 403 && /channel/.test(e.message);
      if (channelRefused) fieldError('channel', 'your token may not record for this channel');
      rec.error.replaceChildren(h('p', { class: 'alert-title' }, e.status === 403 ? 'You may not record this' : 'The interaction was not recorded'),
        h('p', { class: 'alert-text', 'data-testid': 'rec-error-text' }, channelRefused
          ? `Your token records interactions for ${channelInfo(agentChannel() || '').label} only. The server said: ${e.message}.`
          : shown.length ? shown.join('; ') : e.message));
      rec.error.hidden = false;
    } finally {
      rec.submit.disabled = false;
      rec.submit.removeAttribute('aria-busy');
    }
  }

  // ---------- review queue (a person decides the uncertain matches) ----------
  const reviews = { list: $('review-list'), empty: $('reviews-empty'), status: $('reviews-status'), error: $('reviews-error'), seq: 0 };
  // The matcher's comparison fields, and where each value is read from a customer's identifiers.
  const COMPARED = {
    given_name: { label: 'Given name', read: (ids) => first(ids, 'name', (v) => v.split(/\s+/)[0]) },
    surname: { label: 'Surname', read: (ids) => first(ids, 'name', (v) => v.split(/\s+/).slice(1).join(' ')) },
    date_of_birth: { label: 'Date of birth', read: (ids) => first(ids, 'date_of_birth') },
    postcode: { label: 'Postcode', read: (ids) => first(ids, 'postcode') },
    address: { label: 'Address', read: (ids) => first(ids, 'address') },
    email: { label: 'Email', read: (ids) => all(ids, 'email') },
    phone: { label: 'Phone', read: (ids) => all(ids, 'phone') },
  };
  const LEVEL_TEXT = { exact: 'same', else: 'different', 'local-part-equal': 'same name before @', missing: 'one is missing' };
  function levelText(level) {
    const jw = /^jaro-winkler>=(.+)$/.exec(level);
    return LEVEL_TEXT[level] || (jw ? `similar (Jaro–Winkler ≥ ${jw[1]})` : String(level).replace(/[-_]+/g, ' '));
  }

  function first(ids, type, f = (v) => v) {
    const i = ids.find((x) => x.type === type && x.value);
    return i ? f(i.value) : '';
  }

  function all(ids, type) {
    return ids.filter((x) => x.type === type && x.value).map((x) => x.value).join(', ');
  }

  async function loadReviews() {
    const seq = ++reviews.seq;
    reviews.error.hidden = true;
    reviews.empty.hidden = true;
    reviews.status.textContent = 'Loading the review queue…';
    reviews.status.classList.add('is-loading');
    try {
      const answer = await api('/v1/identity/reviews?limit=50');
      if (seq !== reviews.seq) return;
      setReviewCount(answer.items.length);
      reviews.list.replaceChildren(...answer.items.map(renderReview));
      reviews.empty.hidden = answer.items.length > 0;
      reviews.status.textContent = answer.items.length ? `${answer.items.length} possible match${answer.items.length === 1 ? '' : 'es'} to decide.` : '';
      await Promise.all(answer.items.map((r) => fillComparison(r, seq)));
    } catch (e) {
      if (seq !== reviews.seq) return;
      reviews.list.replaceChildren();
      reviews.status.textContent = '';
      reviews.error.replaceChildren(h('p', { class: 'alert-title' }, 'The review queue could not be loaded'), h('p', { class: 'alert-text' }, e.message));
      reviews.error.hidden = false;
    } finally {
      if (seq === reviews.seq) reviews.status.classList.remove('is-loading');
    }
    $('reviews-heading').focus({ preventScroll: true });
  }

  async function loadReviewCount() {
    try {
      setReviewCount((await api('/v1/identity/reviews?limit=100')).items.length);
    } catch (_) {
      el.reviewCount.hidden = true;
    }
  }

  function setReviewCount(n) {
    el.reviewCount.textContent = n >= 100 ? '99+' : String(n);
    el.reviewCount.hidden = n === 0;
    el.tabReviews.setAttribute('aria-label', `Review queue, ${n} open`);
  }

  function renderReview(r) {
    const d = r;
    const p = d.score ? d.score.probability : null;
    const side = (id, label) => h('div', { class: 'review-side', 'data-customer': id },
      h('p', { class: 'eyebrow' }, label), h('p', { class: 'review-name', 'data-testid': 'review-name' }, h('span', { class: 'loading-line' }, 'Loading…')),
      customerLink(id));
    const card = h('li', { class: 'review-card panel-card', 'data-testid': 'review', 'data-entry': r.entry },
      h('div', { class: 'review-head' },
        h('h2', { class: 'review-title' }, `Possible match · entry #${r.entry}`),
        p !== null ? h('span', { class: 'review-p', title: 'Probability from the matcher' }, `p = ${p.toFixed(4)}`) : null,
        h('time', { datetime: r.at, class: 'review-time' }, when(r.at))),
      h('div', { class: 'review-pair' },
        side(d.customerId, `Record #${d.about}, now its own customer`),
        h('span', { class: 'review-vs', 'aria-hidden': 'true' }, '≟'),
        side(d.otherCustomerId, 'Existing customer')),
      h('div', { class: 'table-scroll' }, h('table', { class: 'compare-table', 'data-testid': 'review-compare' },
        h('caption', { class: 'visually-hidden' }, 'How the two compare, field by field'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'New'), h('th', { scope: 'col' }, 'Existing'),
          h('th', { scope: 'col' }, 'Agreement'), h('th', { scope: 'col', class: 'num' }, 'Evidence'))),
        h('tbody', null, (d.score ? d.score.contributions : []).map((c) => h('tr', { 'data-field': c.field },
          h('th', { scope: 'row' }, (COMPARED[c.field] || { label: humanise(c.field) }).label),
          h('td', { class: 'cmp-left' }, '…'), h('td', { class: 'cmp-right' }, '…'),
          h('td', null, h('span', { class: `pill ${c.weight >= 0 ? 'pill-ok' : 'pill-no'}` }, levelText(c.level))),
          h('td', { class: 'num' }, weightBar(c.weight))))))),
      d.rule ? h('p', { class: 'review-rule' }, d.rule) : null,
      h('div', { class: 'review-actions' },
        h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'review-accept', onclick: () => answerReview(card, r, true) }, 'Same person: merge'),
        h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'review-reject', onclick: () => answerReview(card, r, false) }, 'Different people: keep apart')),
      h('p', { class: 'review-outcome', role: 'status', 'aria-live': 'polite', 'data-testid': 'review-outcome' }));
    return card;
  }

  function weightBar(w) {
    const width = Math.min(100, Math.abs(w) * 5);
    return h('span', { class: 'weight', title: `${w >= 0 ? '+' : ''}${w.toFixed(1)} bits of evidence` },
      h('span', { class: `weight-bar ${w >= 0 ? 'for' : 'against'}`, style: `width:${width}%` }),
      h('span', { class: 'weight-n' }, `${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(1)}`));
  }

  /**
   * What the matcher compared, side by side: the identifiers of the record that raised the review (read from the new
   * customer's timeline: a name already linked elsewhere is not linked to them) and the existing customer's own.
   */
  /**
   * One record of a customer's timeline by its ledger index, reading on page by page (newest first): the record that
   * raised a review is often far below the customer's later records and bookkeeping.
   */
  async function timelineItem(customerId, index) {
    let next = `${customerPath(customerId, '/timeline')}?limit=200`;
    for (let pages = 0; next && pages < 50; pages++) {
      const t = await api(next);
      const it = t.items.find((x) => x.index === index);
      if (it) return it;
      next = t.next;
    }
    throw new ApiError(404, `record #${index} is no longer on ${customerId}'s timeline`);
  }

  async function fillComparison(r, seq) {
    const card = reviews.list.querySelector(`[data-entry="${r.entry}"]`);
    const recordIds = timelineItem(r.customerId, r.about)
      .then((it) => [...(it.identifiers || []), ...(it.parties || []).flatMap((p) => p.identifiers || [])]);
    const existingIds = api(customerPath(r.otherCustomerId, '/identity')).then((x) => x.identifiers);
    const [left, right] = await Promise.allSettled([recordIds, existingIds]);
    if (seq !== reviews.seq || !card) return;
    for (const [id, answer] of [[r.customerId, left], [r.otherCustomerId, right]]) {
      const name = card.querySelector(`.review-side[data-customer="${id}"] .review-name`);
      const n = answer.status === 'fulfilled' && answer.value.find((i) => i.type === 'name' && i.value);
      name.textContent = answer.status === 'fulfilled' ? (n ? n.value : 'No name given') : `Details could not be loaded: ${answer.reason.message}`;
    }
    for (const row of card.querySelectorAll('tbody tr')) {
      const c = COMPARED[row.dataset.field];
      row.querySelector('.cmp-left').textContent = left.status === 'fulfilled' && c ? c.read(left.value) || '—' : '—';
      row.querySelector('.cmp-right').textContent = right.status === 'fulfilled' && c ? c.read(right.value) || '—' : '—';
    }
  }

  async function answerReview(card, r, accept) {
    const reason = await confirmAction({
      title: accept ? 'Merge these two customers?' : 'Keep these two customers apart?',
      text: accept
        ? `${r.customerId} and ${r.otherCustomerId} become one customer with one timeline. An unmerge can split them again later.`
        : `${r.customerId} and ${r.otherCustomerId} stay two customers, and no later record will merge them.`,
      ok: accept ? 'Merge them' : 'Keep apart',
      reason: accept ? 'Same person: details confirmed' : 'Different people',
    });
    if (reason === null) return;
    const outcome = card.querySelector('.review-outcome');
    const buttons = card.querySelectorAll('.review-actions button');
    buttons.forEach((b) => { b.disabled = true; });
    outcome.textContent = accept ? 'Merging…' : 'Recording…';
    outcome.className = 'review-outcome';
    try {
      const res = await api(`/v1/identity/reviews/${r.entry}/${accept ? 'accept' : 'reject'}`, { method: 'POST', body: { actor: actor(), reason: reason || undefined } });
      card.dataset.outcome = res.status;
      outcome.classList.add('ok');
      outcome.replaceChildren(h('strong', null, accept ? 'Merged.' : 'Kept apart.'), accept
        ? ` ${r.customerId} and ${r.otherCustomerId} are one customer now (ledger entry #${res.entry}). `
        : ` ${r.customerId} and ${r.otherCustomerId} stay two customers (ledger entry #${res.entry}). `,
      customerLink(accept ? r.otherCustomerId : r.customerId, 'Open the customer'));
      card.querySelector('.review-actions').hidden = true;
      loadReviewCount();
    } catch (e) {
      card.dataset.outcome = 'refused';
      outcome.classList.add('bad');
      outcome.replaceChildren(h('strong', null, 'Refused.'), ` ${e.message}.`);
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  // ---------- checkpoint ----------
  async function loadCheckpoint() {
    try {
      const text = await api('/v1/ledger/checkpoint', { as: 'text' });
      renderCheckpoint(text);
    } catch (e) {
      el.cpError.textContent = `The checkpoint could not be loaded: ${e.message}`;
      el.cpError.hidden = false;
    }
  }

  // C2SP signed note: origin, size, base64 root, optional extension lines, blank line, then "— name sig" lines.
  function parseCheckpoint(text) {
    const cut = text.indexOf('\n\n');
    const body = (cut < 0 ? text : text.slice(0, cut)).split('\n');
    const sigLines = cut < 0 ? [] : text.slice(cut + 2).split('\n').filter((l) => l.trim());
    const signatures = sigLines.map((line) => {
      const m = /^\u2014 (\S+) (\S+)$/.exec(line);
      return m ? { name: m[1], sig: m[2] } : { name: '?', sig: line };
    });
    return { origin: body[0] || '', size: Number.parseInt(body[1], 10), root: body[2] || '', extensions: body.slice(3), signatures };
  }

  function renderCheckpoint(text) {
    const cp = parseCheckpoint(text);
    el.cpError.hidden = true;
    el.cpOrigin.textContent = cp.origin;
    el.cpSize.textContent = Number.isFinite(cp.size) ? `${numberFmt.format(cp.size)} entries` : '?';
    el.cpRoot.textContent = cp.root;
    el.cpRoot.title = 'SHA-256 Merkle root (base64)';
    el.cpSigs.replaceChildren(...(cp.signatures.length ? cp.signatures.map((s) =>
      h('span', { class: 'sig' }, h('span', { class: 'sig-name' }, s.name), ' ', h('span', { class: 'mono sig-value', title: s.sig }, abbreviate(s.sig, 28))))
      : ['none']));
    const changed = Number.isFinite(cp.size) && cp.size !== state.checkpointSize;
    state.checkpointSize = Number.isFinite(cp.size) ? cp.size : null;
    if (changed) refreshLedgerRefs();
  }

  function abbreviate(s, n) {
    return s.length > n ? `${s.slice(0, n)}\u2026` : s;
  }

  function refreshLedgerRefs() {
    for (const li of el.timeline.querySelectorAll('li.item')) {
      const foot = li.querySelector('.item-foot');
      const old = foot && foot.querySelector('.ledger');
      if (old) old.replaceWith(renderLedgerRef(Number(li.dataset.index)));
    }
  }

  // ---------- dead letters ----------
  async function loadDeadLetterCount() {
    try {
      const dl = await api('/v1/dead-letters?limit=20');
      setDeadLetterCount(dl.count);
      return dl;
    } catch (e) {
      // Dead letters are for administrators and auditors: an agent's console does not offer them.
      if (e.status === 403) el.dlLink.hidden = true;
      el.dlLabel.textContent = 'Dead letters: unavailable';
      el.dlLink.dataset.count = '';
      throw e;
    }
  }

  function setDeadLetterCount(n) {
    el.dlLabel.textContent = `Dead letters: ${numberFmt.format(n)} open`;
    el.dlLink.dataset.count = String(n);
    el.dlLink.classList.toggle('has-open', n > 0);
  }

  async function openDeadLetters() {
    el.dlList.replaceChildren(h('li', { class: 'loading' }, 'Loading…'));
    el.dlEmpty.hidden = true;
    el.dlError.hidden = true;
    if (typeof el.dlPanel.showModal === 'function') el.dlPanel.showModal();
    else el.dlPanel.setAttribute('open', '');
    try {
      const dl = await loadDeadLetterCount();
      el.dlList.replaceChildren(...dl.items.map(renderDeadLetter));
      el.dlEmpty.hidden = dl.items.length !== 0;
      el.dlSub.textContent = dl.count > dl.items.length
        ? `Showing the oldest ${dl.items.length} of ${numberFmt.format(dl.count)} open dead letters. Each can be corrected and resubmitted.`
        : 'Records the ledger refused, with the reasons. Nothing is lost: each can be corrected and resubmitted.';
    } catch (e) {
      el.dlList.replaceChildren();
      el.dlError.textContent = `Dead letters could not be loaded: ${e.message}`;
      el.dlError.hidden = false;
    }
  }

  function closeDeadLetters() {
    if (typeof el.dlPanel.close === 'function') el.dlPanel.close();
    else el.dlPanel.removeAttribute('open');
    el.dlLink.focus();
  }

  function renderDeadLetter(d) {
    const received = parseDate(d.receivedAt);
    const problems = Array.isArray(d.problems)
      ? h('ul', { class: 'problems' }, d.problems.map((p) => h('li', { 'data-testid': 'dead-letter-problem' },
        h('code', { class: 'problem-field' }, p.field), ': ', h('span', null, p.reason))))
      : h('p', { class: 'problems' }, String(d.problems));
    return h('li', { class: 'dl-item', 'data-testid': 'dead-letter-item', 'data-id': d.id },
      h('div', { class: 'dl-head' },
        h('strong', { class: 'dl-record' }, d.record),
        h('span', { class: 'dl-meta' }, [d.source, d.origin].filter(Boolean).join(' \u00b7 ')),
        h('time', { datetime: d.receivedAt, class: 'dl-time' }, received ? dateTimeFmt.format(received) : d.receivedAt)),
      problems,
      h('details', { class: 'dl-raw' }, h('summary', null, `Record #${d.id} as received`), h('pre', null, d.raw)));
  }

  // ---------- wiring ----------
  el.form.addEventListener('submit', onSubmit);
  el.input.addEventListener('keydown', onResultsKey);
  el.resultsList.addEventListener('keydown', onResultsKey);
  el.moreResults.addEventListener('click', moreResults);
  el.loadMore.addEventListener('click', loadMore);
  el.cpRefresh.addEventListener('click', loadCheckpoint);
  el.dlLink.addEventListener('click', openDeadLetters);
  el.dlClose.addEventListener('click', closeDeadLetters);
  el.dlPanel.addEventListener('click', (ev) => { if (ev.target === el.dlPanel) closeDeadLetters(); }); // backdrop
  el.dlPanel.addEventListener('cancel', (ev) => { ev.preventDefault(); closeDeadLetters(); });
  rec.toggle.addEventListener('click', openRecordForm);
  rec.cancel.addEventListener('click', closeRecordForm);
  rec.form.addEventListener('submit', submitRecord);
  rec.channel.addEventListener('change', fillTypes);
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

  el.signInOut.addEventListener('click', () => (Touchline.signedIn() ? Touchline.signOut() : Touchline.signIn()));

  (async () => {
    Touchline.takeTokenFromLink();
    el.signInOut.textContent = Touchline.signedIn() ? 'Sign out' : 'Sign in';
    await whoAmI();
    loadCheckpoint();
    loadDeadLetterCount().catch(() => {});
    loadReviewCount();
    if (location.hash.length > 1) route();
    else el.input.focus();
    document.body.dataset.ready = 'true';
  })();
})();
