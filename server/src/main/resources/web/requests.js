// The privacy team's page of data-subject requests (docs/requests.md): the open ones earliest due first, the overdue
// flagged; one request with every step, and the next steps it allows (verify, refuse, extend, fulfil, close), each a
// ledger entry recorded through the API in the token's name.
import { $, api, dateFmt, h, humanise, takeTokenFromLink, when } from './common.js';

const listed = { requests: [], open: null };

function showRequestsError(error) {
  const box = $('requests-error');
  box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = !error;
}

async function loadRequestList() {
  const params = new URLSearchParams({ limit: '500' });
  if ($('status-filter').value) params.set('status', $('status-filter').value);
  if ($('type-filter').value) params.set('type', $('type-filter').value);
  $('requests-status').textContent = 'Loading…';
  try {
    const answer = await api(`/v1/requests?${params}`);
    listed.requests = answer.requests;
    renderRequestList(answer);
    showRequestsError(null);
  } catch (e) {
    showRequestsError(e);
  } finally {
    $('requests-status').textContent = '';
    document.body.dataset.ready = 'true';
  }
}

function renderRequestList(answer) {
  const rows = $('request-rows');
  rows.replaceChildren(...answer.requests.map(requestRow));
  $('requests-empty').hidden = answer.requests.length > 0;
  $('requests-status').textContent = '';
  $('list-title').textContent = `${answer.requests.length} request(s), ${answer.overdue} overdue`;
}

function requestRow(r) {
  const open = () => openRequest(r.entry);
  return h('tr', { class: `request-row${r.overdue ? ' overdue' : ''}`, 'data-testid': 'request-row', 'data-entry': r.entry },
    h('td', null, h('a', { href: `#request=${r.entry}`, onclick: (ev) => { ev.preventDefault(); open(); } }, `#${r.entry}`)),
    h('td', null, humanise(r.type)),
    h('td', null, r.customerId ? h('a', { href: `/#customer=${encodeURIComponent(r.customerId)}` }, r.customerId) : 'not known yet'),
    h('td', null, humanise(r.channel)),
    h('td', null, when(r.receivedAt, dateFmt)),
    h('td', { 'data-testid': 'due' }, when(r.dueAt, dateFmt), r.overdue ? h('span', { class: 'overdue-flag', 'data-testid': 'overdue' }, 'Overdue') : null),
    h('td', { 'data-testid': 'status' }, humanise(r.status)));
}

async function openRequest(entry) {
  try {
    const r = await api(`/v1/requests/${entry}`);
    listed.open = r;
    renderRequestDetail(r);
    location.hash = `request=${entry}`;
  } catch (e) {
    showRequestsError(e);
  }
}

function renderRequestDetail(r) {
  $('detail-title').textContent = `Request #${r.entry}: ${humanise(r.type)}, ${humanise(r.status)}${r.overdue ? ' (overdue)' : ''}`;
  $('steps').replaceChildren(...r.steps.map(stepLine));
  $('actions').replaceChildren(...nextSteps(r));
  $('action-status').textContent = '';
  $('request-detail').hidden = false;
}

const NOT_SHOWN = new Set(['entry', 'step', 'at', 'status']);

function stepLine(s) {
  const details = Object.entries(s).filter(([k]) => !NOT_SHOWN.has(k)).map(([k, v]) => `${humanise(k)}: ${v}`);
  return h('li', { 'data-testid': 'request-step' }, h('strong', null, humanise(s.step)), ` ${when(s.at)} · entry ${s.entry}`,
    details.length ? h('div', { class: 'note' }, details.join(' · ')) : null);
}

/** A small form for one step: its fields, and a button that posts them to the step's route. */
function stepForm(r, name, label, fields, body) {
  const inputs = fields.map((f) => h('input', { id: `${name}-${f.key}`, name: f.key, type: f.type || 'text', required: !f.optional,
    placeholder: f.placeholder || '', 'data-testid': `${name}-${f.key}` }));
  const form = h('form', { 'data-testid': `${name}-form` },
    ...fields.map((f, k) => h('div', { class: 'field' }, h('label', { for: `${name}-${f.key}` }, f.label), inputs[k])),
    h('button', { class: 'btn btn-small', type: 'submit', 'data-testid': `${name}-button` }, label));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(fields.map((f, k) => [f.key, inputs[k].value.trim()]));
    try {
      const answer = await api(`/v1/requests/${r.entry}/${name}`, { method: 'POST', body: body(values) });
      renderRequestDetail(await api(`/v1/requests/${r.entry}`));
      $('action-status').textContent = `${label}: recorded.${answer.export ? ' The export bundle is ready to hand over.' : ''}`;
      await loadRequestList();
    } catch (e) {
      $('action-status').textContent = e.message;
    }
  });
  return form;
}

const dropEmpty = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined));

function nextSteps(r) {
  const out = [];
  const refuse = () => stepForm(r, 'refusal', 'Refuse', [{ key: 'reason', label: 'Reason the requester is told' }], (v) => v);
  const extend = () => stepForm(r, 'extension', 'Extend', [{ key: 'months', label: 'Months', type: 'number' }, { key: 'reason', label: 'Reason' }],
    (v) => ({ months: Number(v.months), reason: v.reason }));
  if (r.status === 'awaiting_verification') {
    const fields = [{ key: 'method', label: 'How the requester was verified', placeholder: 'called back on the number on file' }];
    if (!r.customerId) fields.push({ key: 'customer', label: 'Customer they were found to be', placeholder: 'cu_…' });
    out.push(stepForm(r, 'verification', 'Verify', fields, dropEmpty), refuse(), extend());
  } else if (r.status === 'verified') {
    const filed = r.steps[0];
    const fields = r.type === 'rectification' ? (filed.fields || '').split(',').map((f) => ({ key: f, label: `Corrected ${humanise(f)}` })) : [];
    out.push(stepForm(r, 'fulfilment', `Fulfil (${humanise(r.type)})`, fields, (v) => (fields.length ? { corrections: v } : {})), refuse(), extend());
  } else if (r.status === 'fulfilled') {
    out.push(stepForm(r, 'closure', 'Close', [], () => ({})), extend());
  } else if (r.status === 'refused') {
    out.push(stepForm(r, 'closure', 'Close', [], () => ({})));
  } else if (r.status === 'closed') {
    out.push(h('a', { class: 'btn btn-small', href: '#', 'data-testid': 'proof-link', onclick: (ev) => { ev.preventDefault(); downloadRequestProof(r.entry); } },
      'Download the proof'));
  }
  return out;
}

async function downloadRequestProof(entry) {
  try {
    const proof = await api(`/v1/requests/${entry}/proof`);
    const url = URL.createObjectURL(new Blob([JSON.stringify(proof, null, 2)], { type: 'application/json' }));
    h('a', { href: url, download: `request-${entry}-proof.json` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    $('action-status').textContent = `Proof of ${proof.entries.length} entries against the checkpoint of size ${proof.treeSize}.`;
  } catch (e) {
    $('action-status').textContent = e.message;
  }
}

takeTokenFromLink();
$('status-filter').addEventListener('change', loadRequestList);
$('type-filter').addEventListener('change', loadRequestList);
const linked = new URLSearchParams(location.hash.slice(1)).get('request');
loadRequestList().then(() => (linked ? openRequest(linked) : null));
