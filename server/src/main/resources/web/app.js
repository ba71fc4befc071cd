// Touchline agent console: find a customer by any identifier and show their story across channels.
// Plain JS, no build step. Talks only to the node's own /v1 API.
'use strict';

(() => {
  const PAGE_SIZE = 50;

  const IDENTIFIER_TYPES = ['account', 'customer_id', 'email', 'phone', 'crm_id', 'loyalty_card', 'device_id', 'cookie',
    'ip', 'ticket_id', 'social_handle', 'order_id', 'name', 'postcode', 'date_of_birth', 'address'];

  const PLACEHOLDERS = {
    email: 'name@example.com', phone: '+44 20 7946 0958', account: 'ACC-000123', customer_id: 'C-1042',
    crm_id: 'CRM-88213', loyalty_card: 'LC-0042', social_handle: '@handle', order_id: 'ORD-2026-0001',
    ticket_id: 'TCK-5531', device_id: 'device id', cookie: 'cookie value', ip: '203.0.113.7', name: 'Ada Lovelace',
    postcode: 'SW1A 1AA', date_of_birth: '1990-12-10', address: '1 High Street', touchline: 'cu_0a1b2c3d4e5f6071',
  };

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

  // ---------- state ----------
  const state = {
    customerId: null,
    foundBy: null,        // "type:value" the agent searched with, or null for a direct customer link
    mergedFrom: null,
    total: 0,
    items: [],
    next: null,
    filter: null,          // channel shown alone, or null
    checkpointSize: null,
    requestSeq: 0,         // to drop answers of superseded searches
  };

  const $ = (id) => document.getElementById(id);
  const el = {
    form: $('search-form'), type: $('search-type'), input: $('search-input'), button: $('search-button'),
    status: $('status'), errorBox: $('error-box'), errorTitle: $('error-title'), errorText: $('error-text'),
    welcome: $('welcome'), customer: $('customer'), heading: $('customer-heading'), foundBy: $('found-by'),
    merged: $('merged-note'), total: $('stat-total'), first: $('stat-first'), firstLabel: $('stat-first-label'),
    last: $('stat-last'), bar: $('channel-bar'), chips: $('channel-chips'), channelsNote: $('channels-note'),
    timeline: $('timeline'), timelineEmpty: $('timeline-empty'), filterEmpty: $('filter-empty'),
    loadMore: $('load-more'), endNote: $('end-note'),
    cpOrigin: $('cp-origin'), cpSize: $('cp-size'), cpRoot: $('cp-root'), cpSigs: $('cp-sigs'), cpError: $('cp-error'),
    cpRefresh: $('checkpoint-refresh'),
    dlLink: $('dead-letters-link'), dlLabel: $('dead-letters-label'), dlPanel: $('dead-letters-panel'),
    dlClose: $('dl-close'), dlList: $('dl-list'), dlEmpty: $('dl-empty'), dlError: $('dl-error'), dlSub: $('dl-sub'),
  };

  // ---------- API and the element builder: common.js ----------
  const { ApiError, api, h } = window.Touchline;

  // ---------- small helpers ----------
  function svg(inner, cls = 'icon') {
    return `<svg class="${cls}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${inner}</svg>`;
  }

  const chClass = (c) => (CHANNELS[c] ? `ch-${c}` : 'ch-other');
  const channelInfo = (c) => CHANNELS[c] || { ...UNKNOWN_CHANNEL, label: humanise(c || 'unknown') };

  function humanise(s) {
    if (!s) return '';
    const words = String(s).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.\-]+/g, ' ').trim().toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const timeFmt = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
  const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
  const numberFmt = new Intl.NumberFormat();
  const relFmt = typeof Intl.RelativeTimeFormat === 'function' ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }) : null;

  function parseDate(s) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
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

  // ---------- search form ----------
  function updatePlaceholder() {
    el.input.placeholder = PLACEHOLDERS[el.type.value] || '';
    el.input.inputMode = el.type.value === 'phone' ? 'tel' : el.type.value === 'email' ? 'email' : 'text';
  }

  // "email:a@b.c" typed or pasted into the box picks the type for the agent.
  function splitTyped(raw) {
    const v = raw.trim();
    const m = /^([A-Za-z_]+):(.+)$/.exec(v);
    if (m) {
      const t = m[1].toLowerCase();
      if (IDENTIFIER_TYPES.includes(t)) return { type: t, value: m[2].trim() };
    }
    if (/^cu_[0-9a-f]+$/i.test(v)) return { type: 'touchline', value: v };
    return null;
  }

  function absorbTyped() {
    const s = splitTyped(el.input.value);
    if (s && (s.type !== 'touchline' || el.input.value.trim() === s.value)) {
      el.type.value = s.type;
      el.input.value = s.value;
      updatePlaceholder();
    }
  }

  function onSubmit(ev) {
    ev.preventDefault();
    absorbTyped();
    const value = el.input.value.trim();
    if (!value) {
      showError('Type what the customer gave you', 'Enter an email, phone number, account or other identifier, then press Find.', 'invalid');
      el.input.focus();
      return;
    }
    const hash = el.type.value === 'touchline'
      ? `customer=${encodeURIComponent(value)}`
      : `identifier=${encodeURIComponent(`${el.type.value}:${value}`)}`;
    if (location.hash.slice(1) === hash) route();
    else location.hash = hash; // hashchange runs route()
  }

  // ---------- routing (deep links) ----------
  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    return { customer: params.get('customer'), identifier: params.get('identifier') };
  }

  function route() {
    const { customer, identifier } = readHash();
    if (identifier) {
      const s = splitTyped(identifier);
      if (s && s.type !== 'touchline') {
        el.type.value = s.type;
        el.input.value = s.value;
      } else {
        el.input.value = identifier;
      }
      updatePlaceholder();
      findByIdentifier(identifier);
    } else if (customer) {
      el.type.value = 'touchline';
      el.input.value = customer;
      updatePlaceholder();
      openCustomer(customer, null);
    } else {
      resetView();
    }
  }

  function resetView() {
    state.requestSeq++;
    state.customerId = null;
    clearError();
    setStatus('');
    el.customer.hidden = true;
    el.welcome.hidden = false;
  }

  // ---------- customer lookup and timeline ----------
  async function findByIdentifier(identifier) {
    const seq = ++state.requestSeq;
    clearError();
    setBusy(true);
    setStatus(`Looking up ${identifier}…`);
    try {
      if (!/^[^:]+:.+$/.test(identifier)) {
        throw new ApiError(400, 'Write the identifier as type:value, for example email:ada@example.com.');
      }
      const found = await api(`/v1/customers?identifier=${encodeURIComponent(identifier)}`);
      if (seq !== state.requestSeq) return;
      await openCustomer(found.customerId, identifier, seq);
    } catch (e) {
      if (seq !== state.requestSeq) return;
      setBusy(false);
      hideCustomer();
      if (e.status === 404) {
        showError('No customer found', `Nobody in Touchline has the identifier ${identifier}. Check it for typing mistakes, or try another identifier the customer has.`, 'not-found');
        setStatus('No customer found.');
      } else if (e.status === 400) {
        showError('That identifier cannot be looked up', e.message, 'invalid');
        setStatus('');
      } else {
        showError('The lookup failed', e.message, 'error');
        setStatus('');
      }
    }
  }

  async function openCustomer(customerId, foundBy, seq = ++state.requestSeq) {
    clearError();
    setBusy(true);
    setStatus('Loading the timeline…');
    try {
      const [page] = await Promise.all([
        api(`/v1/customers/${encodeURIComponent(customerId)}/timeline?limit=${PAGE_SIZE}`),
        loadCheckpoint(),
      ]);
      if (seq !== state.requestSeq) return;
      state.customerId = page.customerId;
      state.foundBy = foundBy;
      state.mergedFrom = page.mergedFrom || null;
      state.total = page.total;
      state.items = [];
      state.next = page.next;
      state.filter = null;
      el.timeline.replaceChildren();
      lastRenderedDay = null;
      appendItems(page.items || []);
      renderSummary();
      showCustomer();
      loadNextBestAction(page.customerId, seq);
      setStatus(`${numberFmt.format(page.total)} interactions for ${page.customerId}.`);
      el.heading.focus({ preventScroll: true });
    } catch (e) {
      if (seq !== state.requestSeq) return;
      hideCustomer();
      if (e.status === 404) {
        showError('No such customer', `${e.message}. The link may be out of date.`, 'not-found');
      } else {
        showError('The timeline could not be loaded', e.message, e.status === 400 ? 'invalid' : 'error');
      }
      setStatus('');
    } finally {
      if (seq === state.requestSeq) setBusy(false);
    }
  }

  async function loadMore() {
    if (!state.next) return;
    const seq = state.requestSeq;
    el.loadMore.disabled = true;
    el.loadMore.textContent = 'Loading…';
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
      el.loadMore.textContent = 'Load more';
      renderMore();
    }
  }

  // ---------- next best action ----------
  const nba = {
    panel: $('nba-panel'), action: $('nba-action'), reason: $('nba-reason'), scores: $('nba-scores'), rows: $('nba-rows'),
    record: $('nba-record'), outcome: $('nba-outcome'), note: $('nba-note'), entry: null,
    proposals: $('nba-proposals'), proposalsBox: $('nba-proposals-box'),
  };

  /** What the arbitration says for this customer now, beside the timeline; never blocks the timeline itself. */
  async function loadNextBestAction(customerId, seq) {
    nba.panel.hidden = true;
    nba.entry = null;
    try {
      const [r, p] = await Promise.all([
        api(`/v1/customers/${encodeURIComponent(customerId)}/next-best-action`),
        api(`/v1/customers/${encodeURIComponent(customerId)}/propensities`),
      ]);
      if (seq !== state.requestSeq) return;
      renderNextBestAction(r, p);
    } catch (e) {
      if (seq !== state.requestSeq) return;
      nba.panel.hidden = false;
      nba.action.textContent = 'No recommendation right now';
      nba.reason.textContent = e.message;
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
    nba.panel.hidden = false;
  }

  nba.record.addEventListener('click', async () => {
    nba.record.disabled = true;
    nba.note.textContent = 'Recording…';
    try {
      const res = await api(`/v1/customers/${encodeURIComponent(state.customerId)}/next-best-action`, { method: 'POST', body: { actor: 'console' } });
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
      const res = await api(`/v1/recommendations/${nba.entry}/outcome`, { method: 'POST', body: { outcome: b.dataset.outcome, channel: 'call_centre' } });
      nba.note.textContent = `Outcome “${b.dataset.outcome}” recorded as entry #${res.entry}. It counts towards this action's acceptance rate.`;
      nba.outcome.hidden = true;
    } catch (e) {
      nba.note.textContent = `Not recorded: ${e.message}`;
      for (const x of nba.outcome.querySelectorAll('button')) x.disabled = false;
    }
  });

  function showCustomer() {
    el.welcome.hidden = true;
    el.customer.hidden = false;
  }

  function hideCustomer() {
    el.customer.hidden = true;
    el.welcome.hidden = true;
    state.customerId = null;
  }

  // ---------- summary ----------
  // The timeline holds identity decisions too; counts and totals are about interactions.
  function loadedInteractions() {
    return state.items.filter((it) => !it.kind || it.kind === 'interaction').length;
  }

  function channelCounts() {
    const counts = new Map();
    for (const it of state.items) if (!it.kind || it.kind === 'interaction') counts.set(it.channel, (counts.get(it.channel) || 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || CHANNEL_ORDER.indexOf(a[0]) - CHANNEL_ORDER.indexOf(b[0]));
  }

  function renderSummary() {
    el.heading.textContent = state.customerId;
    el.foundBy.textContent = state.foundBy ? `Customer found by ${state.foundBy}` : 'Customer';
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
      const show = !state.filter || li.dataset.channel === state.filter;
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
    el.filterEmpty.hidden = !(state.filter && visible === 0);
    el.filterEmpty.textContent = state.filter ? `No ${channelInfo(state.filter).label.toLowerCase()} interactions among those loaded.` : '';
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
      if (!first) first = li;
    }
    return first;
  }

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
      class: 'item item-identity', 'data-testid': 'timeline-item', 'data-index': it.index, 'data-channel': 'identity',
      'data-decision': dec.decision, tabindex: '-1', 'aria-labelledby': titleId,
    }, h('span', { class: 'channel-badge ch-other', title: 'Identity decision', html: svg(IDENTITY_ICON) }),
    h('article', { class: 'item-card' },
      h('div', { class: 'item-head' }, h('h4', { class: 'item-title', id: titleId, 'data-testid': 'item-type' }, text),
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
    return h('span', {
      class: `sentiment sentiment-${s.label}`, 'data-testid': 'item-sentiment', 'data-sentiment': s.label,
      title: why ? `Driven by: ${why}` : '', 'aria-label': `Sentiment ${label}, score ${s.score}${why ? `, driven by ${why}` : ''}`,
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
      it.agentId ? h('li', null, h('span', { class: 'meta-k' }, 'Agent'), h('span', { class: 'meta-v', 'data-testid': 'item-agent' }, it.agentId)) : null,
      h('li', null, h('span', { class: 'meta-k' }, 'Role'),
        h('span', { class: `role role-${it.role === 'subject' ? 'subject' : 'other'}`, 'data-testid': 'item-role', 'data-role': it.role, title: ROLE_TEXT[it.role] ? `The customer ${ROLE_TEXT[it.role]}` : '' },
          h('strong', null, it.role), ROLE_TEXT[it.role] ? ` \u00b7 ${ROLE_TEXT[it.role]}` : '')),
      Number.isInteger(it.rating) ? h('li', null, renderRating(it.rating)) : null);

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
      class: 'item', 'data-testid': 'timeline-item', 'data-index': it.index, 'data-channel': it.channel, 'data-id': it.id,
      tabindex: '-1', 'aria-labelledby': titleId,
    }, badge, h('article', { class: 'item-card' }, head, meta, body, footer));
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
  el.type.addEventListener('change', () => { updatePlaceholder(); el.input.focus(); });
  el.input.addEventListener('paste', () => setTimeout(absorbTyped, 0));
  el.input.addEventListener('blur', absorbTyped);
  el.form.addEventListener('submit', onSubmit);
  el.loadMore.addEventListener('click', loadMore);
  el.cpRefresh.addEventListener('click', loadCheckpoint);
  el.dlLink.addEventListener('click', openDeadLetters);
  el.dlClose.addEventListener('click', closeDeadLetters);
  el.dlPanel.addEventListener('click', (ev) => { if (ev.target === el.dlPanel) closeDeadLetters(); }); // backdrop
  el.dlPanel.addEventListener('cancel', (ev) => { ev.preventDefault(); closeDeadLetters(); });
  window.addEventListener('hashchange', route);
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t && t.isContentEditable)) return;
    if (el.dlPanel.open) return;
    ev.preventDefault();
    el.input.focus();
    el.input.select();
  });

  updatePlaceholder();
  loadCheckpoint();
  loadDeadLetterCount().catch(() => {});
  if (location.hash.length > 1) route();
  else el.input.focus();
})();
