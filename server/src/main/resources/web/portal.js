// The customer portal: a customer's own data, and a check of each record against the signed log done here, in the
// browser (WebCrypto SHA-256 and Ed25519), so the customer need not trust the server. Native ES module, no build step.
import {
  $, api, ApiError, count, customerPath, forgetToken, h, keepToken, pages, signedIn, takeTokenFromLink, when, words,
} from './common.js';
import { loadOwnRequests } from './portal-requests.js';
import { b64, checkInclusion, checkSignature, fingerprint, latestCheckpoint, leafHash, NotVerified, parseKey, publishedKey } from './proofs.js';

const PIN_KEY = 'touchline.pinnedKey';
// Each purpose in the customer's own words (the agent console names them for staff).
const PURPOSES_FOR_CUSTOMERS = {
  service: 'Serving you (needed for your account)', analytics: 'Analytics', personalisation: 'Personalised offers',
  marketing: 'Marketing', model_training: 'Training our models',
};

const state = { customer: null, items: [], ratings: new Map(), balance: 0 };

// ---- sign-in --------------------------------------------------------------------------------------------

function showPortalError(title, error) {
  $('portal-error-title').textContent = title;
  $('portal-error-text').textContent = error instanceof Error ? error.message : String(error);
  $('portal-error').hidden = false;
}

/** A personal link carries #customer=…&token=…: the token moves to this tab's storage and leaves the address bar. */
async function openPortal() {
  takeTokenFromLink();
  const asked = new URLSearchParams(location.hash.slice(1)).get('customer');
  if (!signedIn()) {
    $('sign-in').hidden = false;
    document.body.dataset.ready = 'true';
    return;
  }
  let me;
  try {
    me = await api('/v1/me');
  } catch (e) {
    forgetToken();
    $('sign-in').hidden = false;
    showPortalError('You could not be signed in', e);
    document.body.dataset.ready = 'true';
    return;
  }
  // The page asks for the customer in its address if one is named; the server alone decides whether this token may.
  state.customer = asked || me.customerId;
  $('who-id').textContent = state.customer;
  $('portal-nav').hidden = false;
  try {
    await loadTimeline();
  } catch (e) {
    showPortalError(e.status === 403 ? 'You may not see this page' : 'Your interactions could not be loaded', e);
    if (e.status === 403) $('portal-error-text').append(h('br'), 'This page belongs to another customer. Sign out, then open your own personal link.');
    document.body.dataset.ready = 'true';
    return;
  }
  greet(me.displayName);
  $('portal').hidden = false;
  $('nav-links').hidden = false;
  await Promise.all([loadKey(), loadOwnConsents(), loadOwnTokens(), loadAccessLog(), loadOwnRequests(state.customer)].map((p) => p.catch((e) => showPortalError('Part of the page could not be loaded', e))));
  document.body.dataset.ready = 'true';
}

$('sign-in-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const token = $('token-input').value.trim();
  if (!token) {
    showPortalError('No token', 'Paste the access token from your personal link; it starts with tl_.');
    return;
  }
  keepToken(token);
  location.reload();
});
$('sign-out').addEventListener('click', () => {
  forgetToken();
  location.href = location.pathname;
});

// ---- timeline -------------------------------------------------------------------------------------------

const ownPath = (rest) => customerPath(state.customer, rest);

/** The customer by the name their own records give most often (their data, shown to them), the id beside it. */
function greet(displayName) {
  if (displayName) {
    $('who-title').textContent = `Hello, ${displayName}`;
    $('who-name').textContent = `${displayName}, customer`;
    return;
  }
  const counts = new Map();
  for (const i of state.items) for (const id of i.identifiers || []) if (id.type === 'name' && id.value) counts.set(id.value, (counts.get(id.value) || 0) + 1);
  const name = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!name) return;
  $('who-title').textContent = `Hello, ${name[0]}`;
  $('who-name').textContent = `${name[0]}, customer`;
}

async function loadTimeline() {
  const items = [];
  for await (const page of pages(ownPath('/timeline?limit=200'))) {
    items.push(...page.items);
    if (items.length >= 2000) break;
  }
  const at = (i) => Date.parse(i.occurredAt || i.at || 0);
  items.sort((a, b) => at(b) - at(a) || b.index - a.index);
  state.items = items;
  state.ratings = new Map();
  for (const i of items) if (i.kind === 'rating' && i.about !== undefined) state.ratings.set(i.about, i);
  const interactions = items.filter((i) => i.kind === 'interaction');
  $('stat-interactions').textContent = count(interactions.length);
  const channels = [...new Set(interactions.map((i) => i.channel))].sort();
  const filter = $('channel-filter');
  const chosen = filter.value;
  filter.replaceChildren(h('option', { value: '' }, 'All channels'), ...channels.map((c) => h('option', { value: c }, words(c))));
  filter.value = channels.includes(chosen) ? chosen : '';
  renderTimeline();
}

$('channel-filter').addEventListener('change', renderTimeline);

function renderTimeline() {
  const channel = $('channel-filter').value;
  const shown = state.items.filter((i) => (channel ? i.kind === 'interaction' && i.channel === channel : i.kind !== 'rating'));
  $('timeline').replaceChildren(...shown.map(record));
  $('timeline-empty').hidden = shown.length > 0;
}

function stars(n) {
  return h('span', { class: 'stars', role: 'img', 'aria-label': `${n} out of 5 stars` }, '★'.repeat(n) + '☆'.repeat(5 - n));
}

function record(i) {
  const li = h('li', { class: `record kind-${i.kind}`, 'data-index': i.index, 'data-testid': 'record' });
  if (i.kind === 'interaction') {
    li.append(h('div', { class: 'record-head' },
      h('span', { class: `badge ch-${i.channel}` }, words(i.channel)),
      h('span', { class: 'record-type' }, words(i.type)),
      h('time', { datetime: i.occurredAt, class: 'record-time' }, when(i.occurredAt))));
    li.append(h('p', { class: 'record-who' }, i.agentId ? `Handled by ${i.agentId}` : 'Self-service: no agent involved'));
    if (i.erased) li.append(h('p', { class: 'record-text muted' }, 'The personal details of this record were erased at your request.'));
    else if (i.text) li.append(h('p', { class: 'record-text' }, i.text));
    li.append(ratingPart(i));
  } else {
    li.append(h('div', { class: 'record-head' },
      h('span', { class: 'badge ch-other' }, words(i.kind)),
      h('span', { class: 'record-type' }, describe(i)),
      h('time', { datetime: i.at || i.occurredAt, class: 'record-time' }, when(i.at || i.occurredAt))));
  }
  li.append(verifyPart(i, () => ({ kind: i.kind, id: i.id, channel: i.channel, type: i.type, occurredAt: i.occurredAt, at: i.at })));
  return li;
}

function describe(i) {
  if (i.kind === 'consent') return `${words(i.state)}: ${PURPOSES_FOR_CUSTOMERS[i.purpose] || words(i.purpose)}${i.channel ? ` (via ${words(i.channel)})` : ''}`;
  if (i.kind === 'identity') return 'We linked an identifier of yours to your record';
  // Profiling is shown to the person profiled: each audience they entered or left, by name.
  if (i.kind === 'membership') return `${i.change === 'entered' ? 'Added to' : 'Removed from'} the group “${i.audience}”`;
  if (i.kind === 'request') return `Your request: ${words(i.step)}`;
  if (i.kind === 'token') {
    const verb = { mint: 'Earned', burn: 'Spent', expire: 'Expired' }[i.movement] || words(i.movement);
    const why = i.reason || (i.benefit ? `for ${words(i.benefit)}` : '');
    return `${verb} ${count(Math.abs(Number(i.amount)))} tokens${why ? `: ${why}` : ''}`;
  }
  return words(i.kind);
}

function ratingPart(i) {
  const given = state.ratings.get(i.index);
  if (given) {
    return h('div', { class: 'rating-given', 'data-testid': 'rating-given' }, 'Your rating: ', stars(given.rating),
      given.comment ? h('span', { class: 'rating-comment' }, ` “${given.comment}”`) : null);
  }
  const id = `rate-${i.index}`;
  const select = h('select', { id: `${id}-stars`, 'aria-label': `Rating for the ${words(i.type)} of ${when(i.occurredAt)}` },
    h('option', { value: '' }, 'Choose…'), ...[5, 4, 3, 2, 1].map((n) => h('option', { value: n }, `${'★'.repeat(n)} ${n}`)));
  const comment = h('input', { type: 'text', id: `${id}-comment`, maxlength: 500, placeholder: 'Optional comment', 'aria-label': 'Comment (optional)' });
  const status = h('span', { class: 'note', role: 'status' });
  const form = h('form', { class: 'rate-form', 'data-testid': 'rate-form', novalidate: true },
    h('label', { for: `${id}-stars` }, 'Stars'), select, comment,
    h('button', { class: 'btn btn-small', type: 'submit' }, 'Send rating'), status);
  const details = h('details', { class: 'rate' }, h('summary', {}, 'Rate this interaction'), form);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!select.value) {
      status.textContent = 'Choose from 1 to 5 stars first.';
      select.focus();
      return;
    }
    status.textContent = 'Sending…';
    try {
      await api('/v1/ratings', { method: 'POST', body: { entry: i.index, rating: Number(select.value), comment: comment.value.trim() || undefined, channel: 'portal' } });
      await loadTimeline();
      const again = document.querySelector(`.record[data-index="${i.index}"] .rating-given`);
      if (again) again.setAttribute('tabindex', '-1'), again.focus();
    } catch (e) {
      status.textContent = `Not sent: ${e.message}`;
    }
  });
  return details;
}

// ---- verify in the browser ------------------------------------------------------------------------------

let keyPromise = null;
/** The log's key, pinned in this browser the first time it is seen; a different key later is an alarm, not a swap. */
function pinnedKey() {
  keyPromise ||= (async () => {
    const served = await publishedKey();
    const pinned = localStorage.getItem(PIN_KEY);
    if (pinned && pinned !== served.text) {
      return { ...(await parseKey(pinned)), changed: served.text };
    }
    if (!pinned) localStorage.setItem(PIN_KEY, served.text);
    return { ...served, firstSeen: !pinned };
  })();
  return keyPromise;
}

async function loadKey() {
  const key = await pinnedKey();
  $('key-fingerprint').textContent = await fingerprint(key);
  $('key-note').textContent = key.changed
    ? 'Warning: the server now presents a different key from the one this browser pinned. Records are checked against the pinned key.'
    : key.firstSeen ? 'Pinned in this browser now.' : 'Matches the key this browser pinned before.';
  $('key-note').classList.toggle('bad', Boolean(key.changed));
  const cp = await latestCheckpoint();
  $('stat-log').textContent = `${count(cp.size)} entries`;
}

/** Fetches the checkpoint, the entry and its proof, and checks all of it here. Answers the tree size. */
async function verify(index, shown) {
  const key = await pinnedKey();
  const cp = await latestCheckpoint();
  await checkSignature(cp, key);
  const entry = await api(ownPath(`/entries/${index}?treeSize=${cp.size}`));
  if (BigInt(entry.index) !== BigInt(index)) throw new NotVerified(`the server answered entry ${entry.index} for entry ${index}`);
  const leaf = b64(entry.leaf);
  let header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(leaf));
  } catch (_) {
    throw new NotVerified('the entry is not the JSON the log stores');
  }
  for (const field of ['kind', 'id', 'channel', 'type', 'occurredAt', 'at'])
    if (shown[field] !== undefined && header[field] !== undefined && String(header[field]) !== String(shown[field]))
      throw new NotVerified(`the logged entry says ${field} "${header[field]}" but this page shows "${shown[field]}"`);
  await checkInclusion(BigInt(index), cp.size, await leafHash(leaf), entry.proof.map(b64), cp.root);
  return { size: cp.size, key };
}

function verifyPart(i, shown) {
  const result = h('p', { class: 'verify-result', role: 'status', 'data-testid': 'verify-result' });
  const button = h('button', { type: 'button', class: 'btn btn-small verify', 'data-testid': 'verify', 'aria-label': `Verify entry ${i.index ?? i.entry} against the signed log` }, 'Verify');
  button.addEventListener('click', async () => {
    button.disabled = true;
    result.className = 'verify-result';
    result.textContent = 'Checking in this browser…';
    try {
      const { size, key } = await verify(i.index ?? i.entry, shown());
      result.classList.add('ok');
      result.dataset.outcome = 'verified';
      result.textContent = `Verified: included in the log of size ${count(size)} signed by ${key.name}+${key.id}`;
    } catch (e) {
      result.classList.add('bad');
      result.dataset.outcome = 'failed';
      const why = e instanceof NotVerified ? e.message
        : e instanceof ApiError ? `the server did not give what the check needs: ${e.message}`
          : `the check could not run in this browser: ${e.message}`;
      result.textContent = `Not verified: ${why}`;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'verify-part' }, button, h('span', { class: 'ix-id' }, `log entry ${i.index ?? i.entry}`), result);
}

// ---- consents -------------------------------------------------------------------------------------------

async function loadOwnConsents() {
  const c = await api(ownPath('/consents'));
  $('consent-rows').replaceChildren(...Object.entries(c.current).map(([purpose, p]) => {
    const name = PURPOSES_FOR_CUSTOMERS[purpose] || words(purpose);
    const allowed = Boolean(p.allowed);
    const cell = h('td');
    if (purpose !== 'service') {
      const to = allowed ? 'withdrawn' : 'granted';
      const button = h('button', { type: 'button', class: allowed ? 'btn btn-small' : 'btn btn-small btn-grant', 'data-testid': `consent-${purpose}`,
        'aria-label': `${allowed ? 'Withdraw' : 'Grant'} consent for ${name}` }, allowed ? 'Withdraw' : 'Grant');
      button.addEventListener('click', async () => {
        button.disabled = true;
        $('consent-status').textContent = 'Saving…';
        try {
          await api(ownPath('/consents'), { method: 'POST', body: { purpose, state: to, channel: 'portal', reason: 'changed by the customer in the portal' } });
          await loadOwnConsents();
          $('consent-status').textContent = `Saved: ${name} ${to === 'granted' ? 'allowed' : 'withdrawn'}.`;
          await loadTimeline();
        } catch (e) {
          $('consent-status').textContent = `Not saved: ${e.message}`;
          button.disabled = false;
        }
      });
      cell.append(button);
    } else cell.append(h('span', { class: 'muted' }, 'Needed to serve you'));
    return h('tr', { 'data-purpose': purpose },
      h('th', { scope: 'row' }, name),
      h('td', { 'data-testid': `consent-state-${purpose}` }, h('span', { class: allowed ? 'pill pill-ok' : 'pill' }, allowed ? 'Allowed' : (p.state ? words(p.state) : 'Not allowed'))),
      h('td', {}, p.at ? when(p.at) : '—'), cell);
  }));
}

// ---- tokens ---------------------------------------------------------------------------------------------

async function loadOwnTokens() {
  const [t, cat] = await Promise.all([api(ownPath('/tokens')), api('/v1/catalogue')]);
  state.balance = t.balance;
  $('balance').textContent = count(t.balance);
  $('stat-balance').textContent = count(t.balance);
  const movements = [...t.movements].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.entry - a.entry);
  $('movements').replaceChildren(...movements.map((m) => h('li', { class: 'record', 'data-index': m.entry },
    h('div', { class: 'record-head' },
      h('span', { class: `badge movement-${m.movement}` }, m.movement === 'mint' ? 'earned' : m.movement === 'burn' ? 'spent' : 'expired'),
      h('span', { class: 'record-type' }, `${m.movement === 'mint' ? '+' : '−'}${count(Math.abs(m.amount))} tokens`),
      h('time', { datetime: m.at, class: 'record-time' }, when(m.at))),
    verifyPart(m, () => ({})))));
  $('movements-empty').hidden = movements.length > 0;
  $('catalogue').replaceChildren(...cat.benefits.map((b) => {
    const short = b.cost > t.balance;
    const reason = `reason-${b.id}`;
    const button = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': `redeem-${b.id}`, disabled: short,
      'aria-describedby': short ? reason : null, 'aria-label': `Redeem ${b.name} for ${b.cost} tokens` }, 'Redeem');
    button.addEventListener('click', async () => {
      button.disabled = true;
      $('redeem-status').textContent = `Redeeming ${b.name}…`;
      try {
        const r = await api(ownPath('/redemptions'), { method: 'POST', body: { benefit: b.id, channel: 'portal' } });
        await loadOwnTokens();
        $('redeem-status').textContent = `Redeemed ${b.name}. Your balance is now ${count(r.balance)} tokens.`;
      } catch (e) {
        $('redeem-status').textContent = `Not redeemed: ${e.message}`;
        button.disabled = false;
      }
    });
    return h('li', { class: 'benefit', 'data-benefit': b.id },
      h('div', {}, h('p', { class: 'benefit-name' }, b.name), h('p', { class: 'benefit-cost' }, `${count(b.cost)} tokens`),
        short ? h('p', { class: 'benefit-reason', id: reason, 'data-testid': `reason-${b.id}` }, `You need ${count(b.cost - t.balance)} more tokens.`) : null),
      button);
  }));
  $('catalogue-empty').hidden = cat.benefits.length > 0;
}

// ---- access log and download ----------------------------------------------------------------------------

async function loadAccessLog() {
  const log = await api(ownPath('/access-log'));
  const all = $('access-all');
  const limit = all.dataset.open === 'true' ? 1000 : 10;
  all.hidden = log.reads.length <= 10 || limit > 10;
  all.textContent = `Show all ${count(log.reads.length)} reads`;
  $('access-rows').replaceChildren(...log.reads.slice(0, limit).map((r) => h('tr', {},
    h('td', {}, when(r.at)), h('td', {}, r.who.startsWith('customer:') ? 'You' : r.who),
    h('td', {}, words(r.purpose)), h('td', {}, words((r.route || '').split('/').pop())))));
  $('access-empty').hidden = log.reads.length > 0;
}

$('access-all').addEventListener('click', () => {
  $('access-all').dataset.open = 'true';
  loadAccessLog().catch((e) => showPortalError('Who read your data could not be loaded', e));
});

$('download-button').addEventListener('click', async () => {
  const button = $('download-button');
  button.disabled = true;
  $('download-status').textContent = 'Preparing your file…';
  try {
    const bundle = await api(ownPath('/export'));
    const url = URL.createObjectURL(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }));
    const a = h('a', { href: url, download: `touchline-${state.customer}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    $('download-status').textContent = `Downloaded: ${bundle.entries.length} entries, proved against the signed log of size ${bundle.treeSize}.`;
    loadAccessLog().catch(() => {});
  } catch (e) {
    $('download-status').textContent = `Not downloaded: ${e.message}`;
  } finally {
    button.disabled = false;
  }
});

openPortal();
