// The customer's own data-subject requests in the portal (docs/requests.md): file one (access, erasure, objection),
// verified by the sign-in itself, and see where each stands and when it is due.
import { $, api, customerPath, dateFmt, h, humanise, when } from './common.js';

// What a customer may object to: every purpose but the service itself, which answering them needs.
const OBJECTABLE = ['marketing', 'personalisation', 'analytics', 'model_training'];
const ASKED = { access: 'A copy of my data', erasure: 'Erase my data', objection: 'Stop using my data', rectification: 'Correct my data' };
const STANDING = {
  awaiting_verification: 'We are checking it is you', verified: 'In progress', fulfilled: 'Done, closing soon',
  refused: 'Refused', closed: 'Closed',
};

let requestsOf = null;

export async function loadOwnRequests(customer) {
  requestsOf = customer;
  if (!$('request-purposes').querySelector('input')) {
    for (const p of OBJECTABLE) {
      $('request-purposes').append(h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'purpose', value: p, 'data-testid': `request-purpose-${p}` }), ` ${humanise(p)}`));
    }
  }
  const answer = await api(customerPath(customer, '/requests'));
  $('own-request-rows').replaceChildren(...answer.requests.map(ownRequestRow));
  $('own-requests-empty').hidden = answer.requests.length > 0;
}

function ownRequestRow(r) {
  return h('tr', { 'data-testid': 'own-request', 'data-entry': r.entry },
    h('td', null, ASKED[r.type] || humanise(r.type)),
    h('td', null, when(r.receivedAt, dateFmt)),
    h('td', null, when(r.dueAt, dateFmt)),
    h('td', { 'data-testid': 'own-request-status' }, STANDING[r.status] || humanise(r.status)));
}

$('request-type').addEventListener('change', () => {
  $('request-purposes').hidden = $('request-type').value !== 'objection';
});

$('request-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const type = $('request-type').value;
  const body = { type };
  if (type === 'objection') {
    body.purposes = [...$('request-purposes').querySelectorAll('input:checked')].map((i) => i.value);
    if (!body.purposes.length) {
      $('request-status').textContent = 'Choose the purposes you object to.';
      return;
    }
  }
  if (type === 'erasure' && !window.confirm('Erasing your data cannot be undone. Send the request?')) return;
  try {
    const filed = await api(customerPath(requestsOf, '/requests'), { method: 'POST', body });
    $('request-status').textContent = `Request received. We will answer by ${when(filed.dueAt, dateFmt)}.`;
    await loadOwnRequests(requestsOf);
  } catch (e) {
    $('request-status').textContent = e.message;
  }
});
