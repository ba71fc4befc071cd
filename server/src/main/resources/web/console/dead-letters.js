// Dead letters in the console's header: how many records the ledger refused are open, and the list with the reasons.
import { api, dateTimeFmt, h, numberFmt, parseDate } from '../common.js';
import { el } from './page.js';

export async function loadDeadLetterCount() {
  try {
    const dl = await api('/v1/dead-letters?limit=20');
    setDeadLetterCount(dl.count);
    return dl;
  } catch (e) {
    // Dead letters are for administrators and auditors: an agent's console does not offer them.
    if (e.status === 403) el.dlLink.hidden = true;
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

el.dlLink.addEventListener('click', openDeadLetters);
el.dlClose.addEventListener('click', closeDeadLetters);
el.dlPanel.addEventListener('click', (ev) => { if (ev.target === el.dlPanel) closeDeadLetters(); }); // backdrop
el.dlPanel.addEventListener('cancel', (ev) => { ev.preventDefault(); closeDeadLetters(); });
