// The ledger explorer: checkpoints and their signatures, tree growth, entry lookup with its inclusion proof, consistency
// between two checkpoints, contracts and their actions, the dead-letter queue with re-submission. Every proof and
// signature is checked here with proofs.js, against the key the node publishes. Native ES module, no build step.
import { $, api, ApiError, count, h, pages, signedIn, signOut, tableHead, when, words } from './common.js';
import * as P from './proofs.js';
import { calm, chartsLoaded, chartsMissing, css, draw } from './charts.js';

// The verifier, for checking a proof by hand from the browser's developer tools (and for the tests' reference vectors).
window.TouchlineProofs = P;

const toTheSecond = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
/** When a checkpoint was cosigned or an entry recorded, to the second. */
const whenExactly = (iso) => when(iso, toTheSecond);
const entries = (n) => `${count(n)} ${Number(n) === 1 ? 'entry' : 'entries'}`;

const state = { key: null, checkpoints: [], refused: false };

// ---- errors a person understands --------------------------------------------------------------------------

/** What went wrong, in words: a refusal says who may use the page; anything else keeps the server's own message. */
function explain(e) {
  if (e instanceof P.NotVerified) return e.message;
  if (e instanceof ApiError && e.status === 403 && /may not call/.test(e.message))
    return `This page is for auditors and administrators, and your token does not open it (the server said: ${e.message}). `
      + 'Ask an administrator for an auditor token (./touchline access grant auditor --name YOUR_NAME), then sign in with it.';
  if (e instanceof ApiError && e.status === 401)
    return 'This node answers only with an access token, and none was given. Sign in with an auditor or administrator token.';
  return e.message;
}

/** The page-wide alert, once: a refusal or a missing token stops every section the same way. */
function pageError(title, e) {
  if (!$('page-error').hidden && state.refused) return;
  const denied = e instanceof ApiError && (e.status === 401 || e.status === 403);
  state.refused ||= denied;
  $('page-error-title').textContent = !denied ? title
    : e.status === 401 ? 'Sign in to use the ledger explorer' : 'You cannot use the ledger explorer with this token';
  $('sign-in-again').textContent = denied && e.status === 401 ? 'Sign in' : 'Sign in with another token';
  $('page-error-text').textContent = explain(e);
  $('page-error-actions').hidden = !denied;
  $('page-error').hidden = false;
}

function sectionFailed(section, title, e) {
  $(section).dataset.state = 'error';
  if (e instanceof ApiError && (e.status === 401 || e.status === 403)) pageError(title, e);
  else {
    const box = h('div', { class: 'alert alert-inline', role: 'alert', 'data-testid': `${section}-error` },
      h('p', { class: 'alert-title' }, title), h('p', { class: 'alert-text' }, explain(e)));
    $(section).append(box);
  }
}

$('sign-in-again').addEventListener('click', signOut);
$('sign-out').addEventListener('click', signOut);

/** Runs a slow step with its progress line, cleared whatever happens. */
async function busy(statusId, text, work) {
  $(statusId).textContent = text;
  try {
    return await work((more) => { $(statusId).textContent = more; });
  } finally {
    $(statusId).textContent = '';
  }
}

// ---- 1. the latest checkpoint ----------------------------------------------------------------------------

/** The node's published key, read once. */
async function nodeKey() {
  state.key ||= await P.publishedKey();
  return state.key;
}

/** The latest checkpoint, its node signature checked; a bad signature is an error, not a display. */
async function signedCheckpoint() {
  const cp = await P.latestCheckpoint();
  await P.checkSignature(cp, await nodeKey(), "the node's published key");
  return cp;
}

async function showCheckpoint() {
  const [cp, key] = await busy('checkpoint-status', 'Reading the latest checkpoint and the node\'s key…',
    () => Promise.all([P.latestCheckpoint(), nodeKey()]));
  $('cp-origin').textContent = cp.origin;
  $('cp-size').textContent = entries(cp.size);
  $('cp-root').textContent = P.hex(cp.root);
  $('cp-key').textContent = await P.fingerprint(key);
  $('cp-note').textContent = cp.note;
  $('stat-size').textContent = count(cp.size);
  $('checkpoint-facts').hidden = false;

  const own = [], cosigned = [];
  for (const s of cp.signatures) (s.name === key.name && s.id === key.id ? own : cosigned).push(s);
  const rows = [];
  for (const s of own) {
    const ok = await P.signatureVerifies(cp, s, key);
    rows.push(h('tr', { 'data-testid': 'signature', 'data-outcome': ok ? 'verified' : 'failed' },
      h('td', {}, h('span', { class: 'mono' }, s.name), h('br'), h('span', { class: 'x-letter-meta' }, 'the node itself')),
      h('td', { class: 'mono key-id' }, s.id),
      h('td', {}, 'Ed25519 (C2SP signed note)'),
      h('td', {}, h('span', { class: `x-check ${ok ? 'ok' : 'bad'}`, 'data-testid': 'signature-check' },
        ok ? "Verifies with the node's published key" : "Does not verify with the node's published key: this checkpoint was not signed by this node"))));
  }
  if (!own.length)
    rows.push(h('tr', { 'data-testid': 'signature', 'data-outcome': 'failed' }, h('td', { colspan: 4 },
      h('span', { class: 'x-check bad', 'data-testid': 'signature-check' }, `No signature by the node's published key ${key.name}+${key.id}: this checkpoint cannot be trusted`))));
  $('signature-rows').replaceChildren(...rows);

  // Cosigners' keys are not published by the node: their lines are shown, and say they were not checked here.
  $('cosignature-rows').replaceChildren(...cosigned.map((s) => h('tr', { 'data-testid': 'cosignature' },
    h('td', { class: 'mono' }, s.name), h('td', { class: 'mono key-id' }, s.id),
    h('td', {}, s.timestamp ? h('time', { datetime: s.timestamp.toISOString() }, whenExactly(s.timestamp.toISOString())) : 'no timestamp (not a tlog-cosignature line)'),
    h('td', {}, h('span', { class: 'x-check unchecked' }, "Not checked: the witness's key is not published by this node")))));
  $('cosignatures').hidden = cosigned.length === 0;
  $('cosignatures-empty').hidden = cosigned.length > 0;
  $('checkpoint').dataset.state = 'ready';
  return cp;
}

// ---- 2. tree growth --------------------------------------------------------------------------------------

/** Every signed checkpoint, page by page, with a running count while it loads. */
async function loadHistory() {
  const list = await busy('growth-status', 'Loading the checkpoint history…', async (progress) => {
    const all = [];
    for await (const page of pages('/v1/ledger/checkpoints?limit=1000')) {
      all.push(...page.checkpoints);
      progress(`Loading the checkpoint history… ${count(all.length)} so far`);
    }
    return all;
  });
  state.checkpoints = list;
  $('stat-checkpoints').textContent = count(list.length);
  fillConsistencyChoices();
  if (!list.length) {
    $('growth').dataset.state = 'empty';
    $('growth-chart').hidden = true;
    $('growth-empty').hidden = false;
    return;
  }
  drawGrowth(list);
  $('growth').dataset.state = 'ready';
}

function drawGrowth(list) {
  if (!chartsLoaded()) {
    $('growth-chart').hidden = true;
    $('growth-summary').textContent = chartsMissing('The chart');
    return;
  }
  const sizes = list.map((c) => c.size);
  const brand = css('--brand') || '#1d4ed8';
  draw('growth-chart', 'Tree size at each signed checkpoint', {
    tooltip: {
      trigger: 'axis', confine: true,
      formatter: (items) => {
        const k = items[0].dataIndex;
        const added = k === 0 ? sizes[0] : sizes[k] - sizes[k - 1];
        return `Checkpoint ${count(k + 1)} of ${count(sizes.length)}<br><strong>${count(sizes[k])}</strong> entries (+${count(added)})`;
      },
    },
    grid: { left: 16, right: 28, top: 56, bottom: 40, containLabel: true },
    xAxis: { type: 'category', name: 'checkpoint', nameLocation: 'middle', nameGap: 26, data: sizes.map((_, k) => k + 1), boundaryGap: false },
    yAxis: { type: 'value', name: 'entries', axisLabel: { formatter: (v) => count(v) } },
    series: [{
      name: 'Tree size', type: 'line', data: sizes, step: 'end', showSymbol: sizes.length <= 60,
      lineStyle: { color: brand, width: 2 }, itemStyle: { color: brand },
      areaStyle: { color: brand, opacity: 0.08 },
    }],
  });
  const first = sizes[0], last = sizes[sizes.length - 1];
  $('growth-summary').textContent = `${count(sizes.length)} signed checkpoints, from ${count(first)} to ${count(last)} entries; `
    + `the largest step added ${count(Math.max(...sizes.map((s, k) => (k ? s - sizes[k - 1] : s))))} entries at once.`;
}

// ---- 3. entry lookup and inclusion -----------------------------------------------------------------------

const LABELS = {
  kind: 'Kind', occurredAt: 'Occurred at', at: 'Recorded at', channel: 'Channel', type: 'Type', source: 'Source',
  sourceRecordId: 'Source record id', agentId: 'Agent', products: 'Products', rating: 'Rating', customer: 'Customer',
  about: 'About entry', id: 'Interaction id', v: 'Format version', commitment: 'Commitment to the personal part',
};
const FIRST = ['kind', 'occurredAt', 'at', 'channel', 'type', 'customer', 'about', 'agentId', 'source', 'sourceRecordId', 'id', 'products', 'rating'];

function fact(label, value, attrs = {}) {
  return h('div', attrs, h('dt', {}, label), h('dd', {}, value));
}

/** Flattens the leaf's members (an event's own fields included) into label and value pairs, known ones first. */
function entryFacts(leaf, hash, index) {
  const out = [fact('Index', count(index)), fact('Leaf hash (SHA-256, RFC 6962)', h('span', { class: 'mono' }, P.hex(hash)), { class: 'x-wide' })];
  const keys = [...FIRST.filter((k) => k in leaf), ...Object.keys(leaf).filter((k) => !FIRST.includes(k)).sort()];
  for (const k of keys) {
    const v = leaf[k];
    if (k === 'commitment') {
      out.push(fact(LABELS[k], h('span', { class: 'mono' }, `${P.hex(P.b64(v)).slice(0, 32)}… (salted SHA-256; the personal part itself is never in the log)`), { class: 'x-wide', 'data-field': k }));
    } else if (k === 'about') {
      out.push(fact(LABELS[k], entryLink(v), { 'data-field': k }));
    } else if (k === 'occurredAt' || k === 'at') {
      out.push(fact(LABELS[k], h('time', { datetime: v }, `${whenExactly(v)} (${v})`), { 'data-field': k }));
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [fk, fv] of Object.entries(v)) out.push(fact(words(fk), String(fv), { 'data-field': `${k}.${fk}` }));
    } else {
      const text = Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v);
      out.push(fact(LABELS[k] || words(k), k === 'kind' || k === 'channel' || k === 'type' ? words(text) : text, { 'data-field': k }));
    }
  }
  return out;
}

/** A ledger index that opens the entry in the lookup above. */
function entryLink(index) {
  return h('button', { type: 'button', class: 'link-button', 'data-entry': index, 'aria-label': `Look up entry ${index}`,
    onclick: () => lookUpFromElsewhere(index) }, count(index));
}

function lookUpFromElsewhere(index) {
  $('entry-index').value = index;
  $('lookup').scrollIntoView({ behavior: calm ? 'auto' : 'smooth', block: 'start' });
  lookUp(index);
}

function indexError(text) {
  $('entry-index-error').textContent = text;
  $('entry-index').setAttribute('aria-invalid', text ? 'true' : 'false');
}

$('lookup-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const raw = $('entry-index').value.trim();
  if (!/^\d+$/.test(raw)) {
    indexError('Type an entry index: a whole number, 0 or more.');
    $('entry-index').focus();
    return;
  }
  lookUp(Number(raw));
});

let lookups = 0;
async function lookUp(index) {
  const mine = ++lookups;
  indexError('');
  // The last verdict no longer answers the question being asked.
  $('lookup-result').hidden = true;
  delete $('inclusion-verdict').dataset.outcome;
  $('lookup-button').disabled = true;
  try {
    await busy('lookup-status', `Fetching entry ${count(index)}, its proof and the signed checkpoint…`, async (progress) => {
      const cp = await signedCheckpoint();
      if (BigInt(index) >= cp.size) {
        $('lookup-result').hidden = true;
        indexError(cp.size === 0n ? 'The log is empty: no entry is signed yet.'
          : `Entry ${count(index)} is not in the signed log: it holds entries 0 to ${count(cp.size - 1n)}.`);
        $('entry-index').focus();
        return;
      }
      const [leaf, proof] = await Promise.all([
        api(`/v1/ledger/entries/${index}`, { as: 'bytes' }),
        api(`/v1/ledger/proofs/inclusion?index=${index}&treeSize=${cp.size}`),
      ]);
      if (mine !== lookups) return; // a newer lookup took over
      progress('Checking the proof in this browser…');
      const hash = await P.leafHash(leaf);
      let decoded;
      try {
        decoded = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(leaf));
      } catch (_) {
        decoded = null;
      }
      $('entry-facts').replaceChildren(...(decoded ? entryFacts(decoded, hash, index)
        : [fact('Index', count(index)), fact('Leaf', 'not the canonical JSON the log stores')]));
      $('entry-leaf').textContent = decoded ? JSON.stringify(decoded, null, 2) : P.hex(leaf);
      let verdict;
      try {
        if (BigInt(proof.index) !== BigInt(index) || BigInt(proof.treeSize) !== cp.size)
          throw new P.NotVerified(`the server answered a proof for entry ${proof.index} in a tree of ${proof.treeSize}, not entry ${index} in the signed tree of ${cp.size}`);
        await P.checkInclusion(BigInt(index), cp.size, hash, proof.hashes.map(P.b64), cp.root);
        verdict = { ok: true, text: `Verified in this browser: entry ${count(index)} is in the log of ${entries(cp.size)} the node signed — its ${proof.hashes.length} proof hashes lead from this leaf to the signed root ${P.hex(cp.root).slice(0, 16)}…` };
      } catch (e) {
        if (!(e instanceof P.NotVerified)) throw e;
        verdict = { ok: false, text: `Not verified: ${e.message}.` };
      }
      showVerdict('inclusion-verdict', verdict);
      $('lookup-result').hidden = false;
      history.replaceState(null, '', `#entry=${index}`);
      $('lookup-result').focus();
    });
  } catch (e) {
    if (e instanceof P.NotVerified) {
      // The checkpoint itself did not verify: nothing can be proved against it.
      $('entry-facts').replaceChildren();
      $('entry-leaf').textContent = '';
      showVerdict('inclusion-verdict', { ok: false, text: `Not verified: ${e.message}.` });
      $('lookup-result').hidden = false;
    } else {
      indexError(`The entry could not be looked up: ${explain(e)}`);
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) pageError('The entry could not be looked up', e);
    }
  } finally {
    $('lookup-button').disabled = false;
  }
}

function showVerdict(id, { ok, text }) {
  const el = $(id);
  el.className = `x-verdict ${ok ? 'ok' : 'bad'}`;
  el.dataset.outcome = ok ? 'verified' : 'failed';
  el.textContent = text;
  el.hidden = false;
}

// ---- 3b. consistency -------------------------------------------------------------------------------------

function fillConsistencyChoices() {
  const sizes = state.checkpoints.map((c) => c.size);
  const option = (s) => h('option', { value: s }, entries(s));
  $('older-size').replaceChildren(...sizes.map(option));
  $('newer-size').replaceChildren(...sizes.map(option));
  if (sizes.length) {
    $('older-size').value = String(sizes[0]);
    $('newer-size').value = String(sizes[sizes.length - 1]);
  }
  $('consistency-button').disabled = sizes.length === 0;
}

$('consistency-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const m = Number($('older-size').value), n = Number($('newer-size').value);
  const older = state.checkpoints.find((c) => c.size === m), newer = state.checkpoints.find((c) => c.size === n);
  if (!older || !newer) return showVerdict('consistency-verdict', { ok: false, text: 'Choose two signed checkpoints first: the history has not loaded.' });
  if (m > n) {
    showVerdict('consistency-verdict', { ok: false, text: `Choose the older checkpoint first: the log of ${entries(m)} came after the log of ${entries(n)}.` });
    $('older-size').focus();
    return;
  }
  $('consistency-button').disabled = true;
  $('consistency-verdict').hidden = true;
  delete $('consistency-verdict').dataset.outcome;
  try {
    const verdict = await busy('consistency-status', `Checking that the log of ${entries(m)} is a prefix of the log of ${entries(n)}…`, async () => {
      try {
        const key = await nodeKey();
        const a = P.parseCheckpoint(older.note), b = P.parseCheckpoint(newer.note);
        await P.checkSignature(a, key, "the node's published key");
        await P.checkSignature(b, key, "the node's published key");
        const proof = await api(`/v1/ledger/proofs/consistency?from=${m}&to=${n}`);
        await P.checkConsistency(a.size, b.size, a.root, b.root, proof.hashes.map(P.b64));
        return { ok: true, text: `Consistent, checked in this browser: the signed log of ${entries(m)} is exactly the start of the signed log of ${entries(n)} (${proof.hashes.length} proof hashes, RFC 9162 §2.1.4.2). Nothing signed before was changed or removed.` };
      } catch (e) {
        if (e instanceof P.NotVerified) return { ok: false, text: `Not consistent: ${e.message}.` };
        return { ok: false, text: `The check could not run: ${explain(e)}` };
      }
    });
    showVerdict('consistency-verdict', verdict);
    $('consistency-verdict').focus();
  } finally {
    $('consistency-button').disabled = false;
  }
});

// ---- 4. contracts ----------------------------------------------------------------------------------------

async function showContracts() {
  const { contracts } = await busy('contracts-status', 'Loading the deployed contracts…', () => api('/v1/contracts'));
  $('stat-contracts').textContent = count(contracts.length);
  $('contracts-empty').hidden = contracts.length > 0;
  $('contracts-table').hidden = contracts.length === 0;
  $('contract-rows').replaceChildren(...contracts.map((c) => {
    const button = h('button', { type: 'button', class: 'btn btn-small', 'aria-expanded': 'false', 'aria-controls': 'contract-actions',
      'data-testid': `show-actions-${c.id}`, 'aria-label': `Show what contract ${c.id} did` }, 'Show actions');
    button.addEventListener('click', () => showActions(c, button));
    return h('tr', { 'data-contract': c.id },
      h('th', { scope: 'row', class: 'mono' }, c.id),
      h('td', { class: 'num' }, `v${c.version}`),
      h('td', {}, h('span', { class: `pill ${c.state === 'active' ? 'pill-ok' : 'pill-warn'}` }, c.state)),
      h('td', { class: 'mono', title: c.definition }, `${c.definition.slice(0, 16)}…`),
      h('td', {}, button));
  }));
  $('contracts').dataset.state = 'ready';
}

function describeAction(a) {
  if (a.kind === 'token') {
    const verb = a.movement === 'mint' ? 'Awarded' : a.movement === 'expire' ? 'Expired' : words(a.movement);
    const account = a.account && !a.account.startsWith('customer:') ? ` to ${a.account}` : ''; // a customer's is in its own column
    return `${verb} ${count(Math.abs(Number(a.amount)))} tokens${account}${a.reason ? `: ${a.reason}` : ''}`;
  }
  const params = Object.entries(a).filter(([k]) => k.startsWith('param.') && k !== 'param.accountId' && k !== 'param.customerId')
    .map(([k, v]) => `${words(k.slice(6))}: ${v}`);
  return `${words(a.action)}${params.length ? ` — ${params.join('; ')}` : ''}`;
}

const CHANGE_WORDS = { deploy: 'Deployed', pause: 'Paused', resume: 'Resumed', retire: 'Retired' };

async function showActions(c, button, more) {
  const panel = $('contract-actions');
  for (const b of document.querySelectorAll('[aria-controls="contract-actions"]')) b.setAttribute('aria-expanded', String(b === button));
  if (!more) panel.replaceChildren(h('p', { class: 'x-busy', role: 'status' }, `Loading what ${c.id} did…`));
  panel.hidden = false;
  let page;
  try {
    page = await api(more || `/v1/contracts/${encodeURIComponent(c.id)}/actions?limit=50`);
  } catch (e) {
    panel.replaceChildren(h('p', { class: 'x-field-error', role: 'alert' }, `The actions of ${c.id} could not be loaded: ${explain(e)}`));
    return;
  }
  const rows = page.actions.map((a) => h('tr', { 'data-testid': 'contract-action', 'data-entry': a.entry },
    h('td', { class: 'num' }, entryLink(a.entry)),
    h('td', {}, h('time', { datetime: a.at }, whenExactly(a.at))),
    h('td', {}, describeAction(a)),
    h('td', { class: 'mono' }, a.customerId || '—'),
    h('td', { class: 'num' }, a.about === undefined ? '—' : entryLink(a.about)),
    h('td', { class: 'num' }, `v${a.version}`)));
  if (more) {
    panel.querySelector('tbody').append(...rows);
    panel.querySelector('.x-more')?.remove();
  } else {
    const changes = page.changes.map((ch) => h('li', {}, `${CHANGE_WORDS[ch.change] || words(ch.change)} v${ch.version} by ${ch.actor} on ${whenExactly(ch.at)} — entry `, entryLink(ch.entry)));
    panel.replaceChildren(
      h('h3', { id: 'contract-actions-title' }, `What ${c.id} did`),
      h('ul', { class: 'x-changes', 'aria-label': 'Lifecycle entries' }, changes),
      page.total === 0
        ? h('p', { class: 'empty x-empty', 'data-testid': 'contract-actions-empty' }, h('strong', {}, 'No actions yet. '),
          `${c.id} has not acted on any entry since it was deployed; its actions appear here as soon as an entry meets its condition.`)
        : h('table', { class: 'x-table', 'aria-labelledby': 'contract-actions-title', 'data-testid': 'contract-actions-table' },
          tableHead('Entry', 'When', 'Action', 'Customer', 'Triggered by', 'Version'),
          h('tbody', {}, rows)));
    panel.focus();
  }
  const shown = panel.querySelectorAll('tbody tr').length;
  if (page.next) {
    panel.append(h('p', { class: 'x-more' }, `Showing the newest ${count(shown)} of ${count(page.total)} actions.`,
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => showActions(c, button, page.next) }, 'Show more')));
  } else if (page.total) {
    panel.append(h('p', { class: 'x-more', 'data-testid': 'contract-actions-count' }, `All ${count(page.total)} actions, newest first.`));
  }
}

// ---- 5. dead letters -------------------------------------------------------------------------------------

async function showDeadLetters() {
  const dl = await busy('dead-letters-status', 'Loading the open dead letters…', () => api('/v1/dead-letters?status=open&limit=100'));
  $('stat-dead-letters').textContent = count(dl.count);
  $('dead-letter-list').replaceChildren(...dl.items.map(letter));
  $('dead-letters-empty').hidden = dl.items.length > 0;
  if (dl.count > dl.items.length)
    $('dead-letter-list').append(h('li', { class: 'x-more' }, `Showing the oldest ${count(dl.items.length)} of ${count(dl.count)}; re-submit these to see the next.`));
  $('dead-letters').dataset.state = 'ready';
}

function problemList(problems) {
  return h('ul', { class: 'problems' }, (Array.isArray(problems) ? problems : [{ reason: String(problems) }]).map((p) =>
    h('li', {}, p.field ? h('span', { class: 'problem-field' }, `${words(p.field)}: `) : null, p.reason || '')));
}

/** Where a letter came from, short: the mapping file's name (its whole path is the title), or the API. */
function origin(o) {
  if (o.startsWith('mapping:')) return `via mapping ${o.split(/[\\/]/).pop()}`;
  return o === 'api' ? 'via the API' : o;
}

function letter(d) {
  const id = `dl-${d.id}`;
  const text = h('textarea', { id: `${id}-raw`, rows: Math.min(8, Math.max(3, d.raw.split('\n').length + 1)), spellcheck: 'false',
    'aria-describedby': `${id}-problems`, 'data-testid': 'dead-letter-raw' });
  text.value = d.raw;
  const result = h('div', { class: 'x-letter-result', role: 'status', 'data-testid': 'dead-letter-result' });
  const button = h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'resubmit' }, 'Re-submit');
  const form = h('form', { novalidate: true, 'aria-label': `Correct and re-submit dead letter ${d.id}` },
    h('label', { for: `${id}-raw` }, 'Record as received — correct it, then re-submit'), text,
    h('div', { class: 'x-letter-actions' }, button, result));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    button.disabled = true;
    result.className = 'x-letter-result';
    result.textContent = 'Re-submitting: the record goes through every check again…';
    try {
      const o = await api(`/v1/dead-letters/${d.id}/resubmit`, { method: 'POST', body: { raw: text.value } });
      const said = o.status === 'duplicate'
        ? `Dead letter ${d.id} (${d.record}) was already in the log as entry ${count(o.index)}: closed.`
        : `Dead letter ${d.id} (${d.record}) was accepted as entry ${count(o.index)}.`;
      await showDeadLetters();
      $('dead-letters-outcome').replaceChildren(said, ' ', entryLink(o.index));
      $('dead-letters-outcome').setAttribute('tabindex', '-1');
      $('dead-letters-outcome').focus();
    } catch (e) {
      result.className = 'x-letter-result bad';
      if (e instanceof ApiError && e.status === 422 && e.answer && e.answer.problems) {
        result.replaceChildren('Refused again, the record stays here:', problemList(e.answer.problems));
      } else {
        result.textContent = e instanceof ApiError && e.status === 403
          ? `Not re-submitted: re-submitting needs an administrator token (the server said: ${e.message}).`
          : `Not re-submitted: ${explain(e)}`;
      }
      button.disabled = false;
      text.focus();
    }
  });
  return h('li', { class: 'x-letter', 'data-testid': 'dead-letter', 'data-id': d.id },
    h('div', { class: 'x-letter-head' },
      h('h3', {}, `Dead letter ${d.id}`),
      h('span', { class: 'x-letter-meta', title: d.origin }, `${d.record}${d.source ? ` · source ${d.source}` : ''} · ${origin(d.origin)}`),
      h('time', { class: 'x-letter-time', datetime: d.receivedAt }, `received ${whenExactly(d.receivedAt)}`)),
    h('div', { id: `${id}-problems` }, h('p', { class: 'visually-hidden' }, 'Why it was refused:'), problemList(d.problems)),
    form);
}

// ---- start -----------------------------------------------------------------------------------------------

async function openExplorer() {
  document.body.dataset.ready = 'false';
  $('sign-out').hidden = !signedIn();
  const parts = [
    showCheckpoint().catch((e) => sectionFailed('checkpoint', 'The checkpoint could not be read', e)),
    loadHistory().catch((e) => sectionFailed('growth', 'The checkpoint history could not be loaded', e)),
    showContracts().catch((e) => sectionFailed('contracts', 'The contracts could not be loaded', e)),
    showDeadLetters().catch((e) => sectionFailed('dead-letters', 'The dead letters could not be loaded', e)),
  ];
  await Promise.all(parts);
  for (const id of ['stat-size', 'stat-checkpoints', 'stat-contracts', 'stat-dead-letters'])
    if ($(id).textContent === '…') $(id).textContent = '—';
  if (state.refused) {
    // Only the public checkpoint stays: the rest would be empty boxes behind a refusal.
    for (const id of ['growth', 'lookup', 'consistency', 'contracts', 'dead-letters']) $(id).hidden = true;
    document.querySelector('.section-nav').hidden = true;
  }
  $('sign-out').hidden = !signedIn();
  $('page-status').classList.remove('x-busy');
  $('page-status').textContent = state.refused ? '' : `Loaded at ${new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(new Date())}`;
  const linked = /^#entry=(\d+)$/.exec(location.hash);
  if (linked && !state.refused) {
    $('entry-index').value = linked[1];
    await lookUp(Number(linked[1]));
  }
  document.body.dataset.ready = 'true';
}

openExplorer();
