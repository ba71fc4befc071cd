// The review queue: a person decides the uncertain matches, comparing the two customers field by field with the
// matcher's evidence, then merges them or keeps them apart.
import { $, api, ApiError, customerPath, h, humanise, pages, when } from '../common.js';
import { nameIn } from './names.js';
import { actor, confirmAction, el } from './page.js';
import { carriedIdentifiers, customerLink } from './vocabulary.js';

const reviews = { list: $('review-list'), empty: $('reviews-empty'), status: $('reviews-status'), error: $('reviews-error'), seq: 0 };
// The matcher's comparison fields, and where each value is read from a customer's identifiers.
const COMPARED = {
  given_name: { label: 'Given name', read: (ids) => firstOf(ids, 'name', (v) => v.split(/\s+/)[0]) },
  surname: { label: 'Surname', read: (ids) => firstOf(ids, 'name', (v) => v.split(/\s+/).slice(1).join(' ')) },
  date_of_birth: { label: 'Date of birth', read: (ids) => firstOf(ids, 'date_of_birth') },
  postcode: { label: 'Postcode', read: (ids) => firstOf(ids, 'postcode') },
  address: { label: 'Address', read: (ids) => firstOf(ids, 'address') },
  email: { label: 'Email', read: (ids) => allOf(ids, 'email') },
  phone: { label: 'Phone', read: (ids) => allOf(ids, 'phone') },
};
const LEVEL_TEXT = { exact: 'same', else: 'different', 'local-part-equal': 'same name before @', missing: 'one is missing' };
function levelText(level) {
  const jw = /^jaro-winkler>=(.+)$/.exec(level);
  return LEVEL_TEXT[level] || (jw ? `similar (Jaro–Winkler ≥ ${jw[1]})` : String(level).replace(/[-_]+/g, ' '));
}

function firstOf(ids, type, f = (v) => v) {
  const i = ids.find((x) => x.type === type && x.value);
  return i ? f(i.value) : '';
}

function allOf(ids, type) {
  return ids.filter((x) => x.type === type && x.value).map((x) => x.value).join(', ');
}

export async function loadReviews() {
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

export async function loadReviewCount() {
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
 * One record of a customer's timeline by its ledger index, reading on page by page (newest first): the record that
 * raised a review is often far below the customer's later records and bookkeeping.
 */
async function timelineItem(customerId, index) {
  for await (const t of pages(`${customerPath(customerId, '/timeline')}?limit=200`, 50)) {
    const it = t.items.find((x) => x.index === index);
    if (it) return it;
  }
  throw new ApiError(404, `record #${index} is no longer on ${customerId}'s timeline`);
}

/**
 * What the matcher compared, side by side: the identifiers of the record that raised the review (read from the new
 * customer's timeline: a name already linked elsewhere is not linked to them) and the existing customer's own.
 */
async function fillComparison(r, seq) {
  const card = reviews.list.querySelector(`[data-entry="${r.entry}"]`);
  const recordIds = timelineItem(r.customerId, r.about)
    .then(carriedIdentifiers);
  const existingIds = api(customerPath(r.otherCustomerId, '/identity')).then((x) => x.identifiers);
  const [left, right] = await Promise.allSettled([recordIds, existingIds]);
  if (seq !== reviews.seq || !card) return;
  for (const [id, answer] of [[r.customerId, left], [r.otherCustomerId, right]]) {
    const name = card.querySelector(`.review-side[data-customer="${id}"] .review-name`);
    name.textContent = answer.status === 'fulfilled' ? nameIn(answer.value) || 'No name given' : `Details could not be loaded: ${answer.reason.message}`;
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

