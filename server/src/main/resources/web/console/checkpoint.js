// The log's latest signed checkpoint in the console's header: origin, size, root and signatures; a newer one turns the
// timeline's "awaiting checkpoint" references into inclusion-proof links.
import { count, h } from '../common.js';
import { el, state } from './page.js';
import { refreshLedgerRefs } from './timeline.js';
import { latestCheckpoint, toBase64 } from '../proofs.js';

export async function loadCheckpoint() {
  try {
    renderCheckpoint(await latestCheckpoint());
  } catch (e) {
    el.cpError.textContent = `The checkpoint could not be loaded: ${e.message}`;
    el.cpError.hidden = false;
  }
}

function renderCheckpoint(cp) {
  el.cpError.hidden = true;
  el.cpOrigin.textContent = cp.origin;
  el.cpSize.textContent = `${count(cp.size)} entries`;
  el.cpRoot.textContent = toBase64(cp.root);
  el.cpRoot.title = 'SHA-256 Merkle root (base64)';
  el.cpSigs.replaceChildren(...(cp.signatures.length ? cp.signatures.map((s) =>
    h('span', { class: 'sig' }, h('span', { class: 'sig-name' }, s.name), ' ', h('span', { class: 'mono sig-value', title: s.value }, abbreviate(s.value, 28))))
    : ['none']));
  const size = Number(cp.size);
  const changed = size !== state.checkpointSize;
  state.checkpointSize = size;
  if (changed) refreshLedgerRefs();
}

function abbreviate(s, n) {
  return s.length > n ? `${s.slice(0, n)}\u2026` : s;
}

el.cpRefresh.addEventListener('click', loadCheckpoint);
