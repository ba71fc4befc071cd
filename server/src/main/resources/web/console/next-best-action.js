// The next best action beside the timeline: what the arbitration recommends and why, the propensities, every candidate
// and what ruled it out, and recording the action and how the customer answered.
import { $, api, channelInfo, customerPath, dateTimeFmt, h, humanise, parseDate } from '../common.js';
import { actor, state, workingChannel } from './page.js';
import { PURPOSE_NAMES } from './vocabulary.js';

const nba = {
  panel: $('nba-panel'), action: $('nba-action'), reason: $('nba-reason'), scores: $('nba-scores'), rows: $('nba-rows'),
  record: $('nba-record'), outcome: $('nba-outcome'), note: $('nba-note'), entry: null,
  proposals: $('nba-proposals'), proposalsBox: $('nba-proposals-box'), why: $('nba-why'),
};

/** What the arbitration says for this customer now, beside the timeline; never blocks the timeline itself. */
export async function loadNextBestAction(customerId, seq) {
  nba.entry = null;
  nba.panel.setAttribute('aria-busy', 'true');
  nba.action.replaceChildren(h('span', { class: 'loading-line' }, 'Weighing the options…'));
  nba.reason.textContent = '';
  nba.why.replaceChildren();
  nba.scores.textContent = '';
  nba.record.hidden = true;
  nba.outcome.hidden = true;
  nba.note.textContent = '';
  try {
    const [r, p] = await Promise.all([
      api(customerPath(customerId, '/next-best-action')),
      api(customerPath(customerId, '/propensities')),
    ]);
    if (seq !== state.requestSeq) return;
    renderNextBestAction(r, p);
  } catch (e) {
    if (seq !== state.requestSeq) return;
    nba.panel.setAttribute('aria-busy', 'false');
    nba.action.textContent = 'No recommendation right now';
    nba.reason.textContent = `The recommendation could not be worked out: ${e.message}`;
    nba.record.hidden = true;
  }
}

function renderNextBestAction(r, p) {
  const nothing = r.action === 'do-nothing';
  nba.action.textContent = nothing ? 'Nothing to offer: just help the customer' : `${humanise(r.action)}${r.channel && r.channel !== 'none' ? ` · ${channelInfo(r.channel).label}` : ''}`;
  nba.action.dataset.action = r.action;
  nba.reason.textContent = r.reason;
  nba.record.hidden = nothing;
  nba.record.disabled = false;
  const chosen = r.candidates.find((c) => c.action === r.action);
  // Its reasons: what drives the score, the sum itself, and what ruled the others out.
  const why = [];
  if (chosen && !nothing) {
    for (const d of chosen.drivers || []) why.push(h('li', null, typeof d === 'string' ? d : `${humanise(d.feature || d.name)}: ${d.value ?? ''}`));
    why.push(h('li', null, chosen.purpose === 'service' ? 'A service action: no consent needed'
      : `Allowed: the customer consented to ${(PURPOSE_NAMES[chosen.purpose] || chosen.purpose).toLowerCase()}`));
  }
  const ruledOut = r.candidates.filter((c) => c.blockedBy.length).length;
  if (ruledOut) why.push(h('li', null, `${ruledOut} other action${ruledOut === 1 ? '' : 's'} ruled out (see all candidates)`));
  nba.why.replaceChildren(...why);
  nba.panel.setAttribute('aria-busy', 'false');
  nba.record.textContent = chosen && chosen.kind === 'offer' ? 'Make this offer now' : 'Do this now and record it';
  nba.outcome.hidden = true;
  nba.note.textContent = '';
  const scores = Object.entries(p.scores || {}).map(([name, s]) => `${humanise(name)} ${(s.probability * 100).toFixed(0)}%`);
  nba.scores.textContent = scores.length ? scores.join(' · ') : (p.personalisation === false ? 'No personalisation consent' : 'No model trained yet');
  nba.rows.replaceChildren(...r.candidates.map((c) => h('tr', { class: c.blockedBy.length ? 'ruled-out' : '' },
    h('th', { scope: 'row' }, humanise(c.action)), h('td', null, humanise(c.purpose)),
    h('td', { class: 'num' }, c.blockedBy.length ? '–' : c.score.toFixed(2)),
    h('td', null, c.blockedBy.length ? c.blockedBy.join('; ') : (c.action === r.action ? 'chosen' : 'scored lower')))));
  const proposed = r.proposedByContracts || [];
  nba.proposals.replaceChildren(...proposed.map((x) => h('li', null, h('strong', null, humanise(x['param.action'])),
    ` — ${x['param.reason'] || ''} (contract ${x.contract} v${x.version}, ${dateTimeFmt.format(parseDate(x.at))})`)));
  nba.proposalsBox.hidden = proposed.length === 0;
}

nba.record.addEventListener('click', async () => {
  nba.record.disabled = true;
  nba.note.textContent = 'Recording…';
  try {
    const res = await api(customerPath(state.customerId, '/next-best-action'), { method: 'POST', body: { actor: actor() } });
    nba.entry = res.entry;
    nba.note.textContent = `Recorded on the ledger as entry #${res.entry}. How did the customer answer?`;
    nba.outcome.hidden = false;
    nba.record.hidden = true;
  } catch (e) {
    nba.record.disabled = false;
    nba.note.textContent = `Not recorded: ${e.message}`;
  }
});

nba.outcome.addEventListener('click', async (ev) => {
  const b = ev.target.closest('button[data-outcome]');
  if (!b || nba.entry == null) return;
  for (const x of nba.outcome.querySelectorAll('button')) x.disabled = true;
  try {
    const res = await api(`/v1/recommendations/${nba.entry}/outcome`, { method: 'POST', body: { outcome: b.dataset.outcome, channel: workingChannel() } });
    nba.note.textContent = `Outcome “${b.dataset.outcome}” recorded as entry #${res.entry}. It counts towards this action's acceptance rate.`;
    nba.outcome.hidden = true;
  } catch (e) {
    nba.note.textContent = `Not recorded: ${e.message}`;
    for (const x of nba.outcome.querySelectorAll('button')) x.disabled = false;
  }
});

// What each identity decision says, in an agent's words.
