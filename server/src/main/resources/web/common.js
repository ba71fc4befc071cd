// What every page of Touchline's web console shares: the API call with its errors in words, the access token of this
// tab, a small element builder, the channels, and the words and formats dates and numbers are shown in. Each page is
// an entry module (app.js, analytics.js, explorer.js, portal.js) that imports what it needs from here, proofs.js and
// charts.js (docs/architecture.md, "The web pages"). Native ES modules, no build step.

export class ApiError extends Error {
  constructor(status, message, answer) {
    super(message);
    this.status = status;
    this.answer = answer; // the refusal's JSON, when it says more than its message (a record's problems)
  }
}

export const $ = (id) => document.getElementById(id);

// ---------- the access token of this tab ----------
const TOKEN_KEY = 'touchline.token';

export const signedIn = () => Boolean(sessionStorage.getItem(TOKEN_KEY));
export const keepToken = (token) => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = () => sessionStorage.removeItem(TOKEN_KEY);

/**
 * Asks for an access token (a node that has granted any answers only with one) and keeps it for this browser tab.
 * One dialog at a time: concurrent requests wait for the same answer.
 */
let asking = null;
function askForToken(message) {
  if (asking) return asking;
  asking = new Promise((resolve) => {
    const input = h('input', { type: 'password', id: 'tl-token', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'tl-token-why' });
    const dialog = h('dialog', { class: 'panel sign-in', 'aria-labelledby': 'tl-token-title', 'data-testid': 'sign-in' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'tl-token-title' }, 'Sign in'),
        h('p', { id: 'tl-token-why' }, message),
        h('label', { for: 'tl-token' }, 'Access token'), input,
        h('div', { class: 'panel-actions' }, h('button', { class: 'btn btn-primary', type: 'submit' }, 'Sign in'))));
    dialog.addEventListener('close', () => {
      const token = input.value.trim();
      if (token) keepToken(token);
      dialog.remove();
      asking = null;
      resolve(token);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
  return asking;
}

/**
 * A sign-in link (#token=… on any page, as `touchline demo` prints one for its administrator) moves the token into
 * this tab's storage and out of the address bar; the rest of the fragment stays (a customer, a search).
 */
export function takeTokenFromLink() {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  if (!token) return;
  keepToken(token);
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
}

/** Forgets this tab's token and starts again: the page asks for one if the node needs it. */
export function signOut() {
  forgetToken();
  location.reload();
}

/** Asks for a token now (an open node answers without one, but a token says who acts) and starts again with it. */
export async function signIn() {
  const token = await askForToken('Paste an access token (touchline access grant ROLE --name NAME prints one), or open the sign-in link `touchline demo` printed.');
  if (token) location.reload();
}

// ---------- the node's API ----------
/**
 * Calls the node's own API. `body` is sent as JSON, or as it is if it is a string (a raw record); `as: 'text'` reads
 * a text answer, `as: 'bytes'` the exact bytes (a ledger entry, to be hashed). A refusal becomes an ApiError
 * carrying the server's own message, which names the field and the reason.
 */
export async function api(path, { method = 'GET', body, as = 'json' } = {}, retried = false) {
  let res;
  try {
    const headers = { Accept: { json: 'application/json', bytes: 'application/octet-stream' }[as] || 'text/plain' };
    const raw = typeof body === 'string';
    // Every write is JSON: the server refuses any other body type (a page on another site could send those unasked).
    if (method !== 'GET') headers['Content-Type'] = 'application/json';
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    res = await fetch(path, { method, headers, body: body === undefined || raw ? body : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'The Touchline server could not be reached. Check your connection and try again.');
  }
  if (res.status === 401 && !retried) {
    forgetToken();
    const token = await askForToken('This Touchline node answers only with an access token. Ask your administrator for one (touchline access grant).');
    if (token) return api(path, { method, body, as }, true);
  }
  if (!res.ok) {
    let message = `The server answered ${res.status} ${res.statusText || ''}`.trim();
    let answer;
    try {
      answer = await res.json();
      if (answer && typeof answer.error === 'string') message = answer.error;
      else if (answer && Array.isArray(answer.problems) && answer.problems.length) {
        message = answer.problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
      }
    } catch (_) { /* not JSON: keep the status line */ }
    throw new ApiError(res.status, message, answer);
  }
  if (as === 'text') return res.text();
  if (as === 'bytes') return new Uint8Array(await res.arrayBuffer());
  try {
    return await res.json();
  } catch (e) {
    throw new ApiError(res.status, 'The server sent an answer this page could not read.');
  }
}

/**
 * The pages of a paged answer one after the other, following each page's `next` link from `first` (a timeline, the
 * checkpoint history), at most `most` pages.
 */
export async function* pages(first, most = Infinity) {
  let next = first;
  for (let n = 0; next && n < most; n++) {
    const page = await api(next);
    yield page;
    next = page.next;
  }
}

export const customerPath = (id, rest = '') => `/v1/customers/${encodeURIComponent(id)}${rest}`;

// ---------- elements ----------
/** An element with attributes (class, text, html for our own constant SVG, on* listeners) and children. */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k === 'html') node.innerHTML = v; // only ever used with our own constant SVG markup
      else if (k === 'style') node.style.cssText = v; // through the CSSOM: the CSP refuses style attributes
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A table's head row: a column header for each title. */
export const tableHead = (...titles) => h('thead', null, h('tr', null, titles.flat().map((t) => h('th', { scope: 'col' }, t))));

/** Text with `code` spans, for messages that name a command. */
export function withCode(text) {
  return text.split(/(`[^`]+`)/).filter(Boolean).map((part) => (part.startsWith('`') ? h('code', null, part.slice(1, -1)) : part));
}

// ---------- words ----------
// Names the API uses that read badly when merely spaced out.
const SAID_OTHERWISE = { '(none)': 'None named', upsell_cross_sell: 'Upsell / cross-sell' };

/** An API name (snake_case, camelCase, dotted) as a phrase a person reads: "billing_enquiry" is "Billing enquiry". */
export function humanise(s) {
  if (s === null || s === undefined || s === '') return '';
  if (SAID_OTHERWISE[s]) return SAID_OTHERWISE[s];
  const spaced = String(s).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.\-]+/g, ' ').trim().toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** An API name with its underscores and dots as spaces, its case kept ("call_centre" is "call centre"). */
export const words = (s) => String(s ?? '').replace(/[_.]/g, ' ');

/** A message as a sentence: capital first, full stop last. */
export const sentence = (s) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');

// ---------- channels ----------
// Every channel an interaction comes through, in the order pages list them: its label, its colour (CSS class ch-*,
// property --c-*) and an inline icon (24x24, stroked).
export const CHANNELS = {
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

/** A channel's label and icon; one this page does not know is named from its API name. */
export const channelInfo = (c) => CHANNELS[c] || { ...UNKNOWN_CHANNEL, label: humanise(c || 'unknown') };

// ---------- numbers, dates and times ----------
export const numberFmt = new Intl.NumberFormat();
export const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
export const dateTimeFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relFmt = typeof Intl.RelativeTimeFormat === 'function' ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }) : null;

/** A count with the reader's digit grouping; a BigInt (a tree size) as exactly; nothing known is a dash. */
export const count = (n) => (n === null || n === undefined ? '–' : numberFmt.format(typeof n === 'bigint' ? n : Number(n)));

/** A date from the API's ISO 8601 text, or null when there is none or it is not one. */
export function parseDate(s) {
  if (s === null || s === undefined) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An ISO 8601 instant as the reader's date and time (in `format`), or the text itself when it is not a date. */
export function when(iso, format = dateTimeFmt) {
  const d = parseDate(iso);
  return d ? format.format(d) : (iso || 'unknown time');
}

/** "3 days ago", "in 2 hours": how far a date is from now, in the reader's language. */
export function relative(d) {
  if (!relFmt || !d) return '';
  let v = (d.getTime() - Date.now()) / 1000;
  for (const [size, unit] of [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']]) {
    if (Math.abs(v) < size) return relFmt.format(Math.round(v), unit);
    v /= size;
  }
  return '';
}
