// The customer's timeline: interactions across channels, identity decisions and events (consents, ratings, tokens,
// recommendations), a day at a time, each with its ledger entry and why it belongs to this customer.
import { $, api, channelInfo, customerPath, dateTimeFmt, h, humanise, parseDate, relative } from '../common.js';
import { namePeople, withPeople } from './names.js';
import { el, state } from './page.js';
import { carriedIdentifiers, chClass, idLabel, idText, PURPOSE_NAMES, ROLE_TEXT, svg } from './vocabulary.js';

const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const dayKey = (d) => (d ? `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}` : 'unknown');
let lastRenderedDay = null;
const PAGE_SIZE = 50;

/** The newest page of a customer's timeline. */
export const firstTimelinePage = (customerId) => api(`${customerPath(customerId, '/timeline')}?limit=${PAGE_SIZE}`);

/** When an entry happened: the reader's date and time, how long ago in its tooltip. */
function timeOf(iso, d, attrs = {}) {
  return h('time', { datetime: iso, title: d ? `${dateTimeFmt.format(d)} \u00b7 ${relative(d)}` : iso, ...attrs }, d ? dateTimeFmt.format(d) : iso);
}

/** The timeline of a customer from its first page, replacing the one shown. */
export function resetTimeline(page) {
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


export function appendItems(items) {
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
  const time = timeOf(dec.at, d);
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

// A consent given or withdrawn, or the customer's rating of an interaction.
function renderEvent(it, d) {
  const titleId = `ix-${it.index}-title`;
  const TOKEN_TEXT = {
    mint: () => `Earned ${it.amount} token${it.amount === 1 ? '' : 's'}${it.reason ? ` \u2014 ${it.reason}` : ''}`,
    burn: () => `Redeemed ${it.amount} tokens for ${it.benefit}`,
    expire: () => `${it.amount} tokens expired`,
  };
  const title = it.kind === 'consent' ? `Consent to ${(PURPOSE_NAMES[it.purpose] || it.purpose).toLowerCase()} ${it.state}`
    : it.kind === 'token' ? (TOKEN_TEXT[it.movement] || (() => humanise(it.movement)))()
      : it.kind === 'action' ? `${humanise(it.action)}: ${it['param.action'] || it['param.task'] || it['param.campaign'] || it['param.template'] || ''}`
        : it.kind === 'recommendation' ? `Next best action made: ${humanise(it.action)}${it.via ? ` via ${channelInfo(it.via).label}` : ''}`
          : it.kind === 'outcome' ? `${humanise(it.outcome)}: ${humanise(it.action)} (recommendation #${it.about})`
            : it.kind === 'membership' ? `${it.change === 'entered' ? 'Entered' : 'Left'} audience ${it.audience}${it.about !== undefined ? ` (after entry #${it.about})` : ''}`
            : it.kind === 'request' ? `Data-subject request: ${humanise(it.step)} (request #${it.about ?? it.index})`
              : `Rated interaction #${it.about}`;
  const time = timeOf(it.at, d);
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
const EVENT_KINDS = new Set(['consent', 'rating', 'token', 'action', 'recommendation', 'outcome', 'membership']);

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

  const time = timeOf(it.occurredAt, d, { 'data-testid': 'item-time' });

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

export function renderLedgerRef(index) {
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

// ---------- why is this record here: the identity decisions that placed it, per record ----------
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
  const carried = carriedIdentifiers(it);
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


/** The ledger references of the timeline again, after a newer checkpoint covers more entries. */
export function refreshLedgerRefs() {
  for (const li of el.timeline.querySelectorAll('li.item')) {
    const foot = li.querySelector('.item-foot');
    const old = foot && foot.querySelector('.ledger');
    if (old) old.replaceWith(renderLedgerRef(Number(li.dataset.index)));
  }
}

