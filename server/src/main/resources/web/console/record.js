// Recording a new interaction for the open customer (Interaction v1, POST /v1/interactions): the agent's own channel,
// the customer's strong identifiers, and each problem shown at the field it names.
import { $, api, channelInfo, CHANNELS, h, humanise } from '../common.js';
import { loadCheckpoint } from './checkpoint.js';
import { renderSummary } from './customer.js';
import { loadNextBestAction } from './next-best-action.js';
import { agentChannel, el, state } from './page.js';
import { firstTimelinePage, resetTimeline } from './timeline.js';
import { loadTokens } from './tokens.js';
import { GENERAL_TYPES, idLabel, STRONG_TYPES, TYPES_BY_CHANNEL } from './vocabulary.js';
import { hex } from '../proofs.js';

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
export function fillRecordIdentifiers(identity) {
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

export function resetRecordForm() {
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


async function submitRecord(ev) {
  ev.preventDefault();
  clearFieldErrors();
  rec.error.hidden = true;
  const atRaw = rec.at.value;
  const at = atRaw === rec.at.dataset.prefilled ? new Date() : atRaw ? new Date(atRaw) : null;
  const body = {
    source: 'console',
    sourceRecordId: `console-${Date.now().toString(36)}-${hex(crypto.getRandomValues(new Uint8Array(8)))}`,
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
    const [page] = await Promise.all([firstTimelinePage(customerId), loadCheckpoint()]);
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

rec.toggle.addEventListener('click', openRecordForm);
rec.cancel.addEventListener('click', closeRecordForm);
rec.form.addEventListener('submit', submitRecord);
rec.channel.addEventListener('change', fillTypes);
