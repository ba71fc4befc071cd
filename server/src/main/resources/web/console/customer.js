// One customer opened: their timeline's first page, the summary above it (totals, first and last seen, interactions per
// channel as filters) and the side panels, each loading on its own.
import { api, channelInfo, customerPath, dateFmt, dateTimeFmt, h, numberFmt, parseDate, relative } from '../common.js';
import { loadAudiences } from './audiences.js';
import { loadCheckpoint } from './checkpoint.js';
import { loadConsents } from './consents.js';
import { loadIdentityPanel } from './identity.js';
import { loadNextBestAction } from './next-best-action.js';
import { clearError, el, setBusy, setStatus, showError, state } from './page.js';
import { resetRecordForm } from './record.js';
import { loadRelations } from './relations.js';
import { matchText, renderResults } from './search.js';
import { appendItems, firstTimelinePage, resetTimeline } from './timeline.js';
import { loadTokens } from './tokens.js';
import { CHANNEL_ORDER, chClass, svg } from './vocabulary.js';

export async function openCustomer(customerId, match, seq = ++state.requestSeq) {
  clearError();
  setBusy(true);
  setStatus('Loading the timeline…');
  try {
    const [page] = await Promise.all([
      firstTimelinePage(customerId),
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

/** The panels beside the timeline load on their own: a slow or failing one never holds the timeline up. */
function loadSidePanels(customerId, seq) {
  loadIdentityPanel(seq);
  loadNextBestAction(customerId, seq);
  loadRelations(customerId, seq);
  loadConsents(customerId, seq);
  loadTokens(customerId, seq);
  loadAudiences(customerId, seq);
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

export function hideCustomer() {
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

export function renderSummary() {
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

el.loadMore.addEventListener('click', loadMore);
