// Checking the log in the browser, with no trust in the server: C2SP signed-note checkpoints and verifier keys,
// Ed25519 signatures and SHA-256 (WebCrypto), RFC 9162 inclusion and consistency proofs (RFC 6962 hashing).
// Shared by the agent console, the customer portal and the ledger explorer. Native ES module, no build step.
import { api } from './common.js';

const enc = new TextEncoder();
export const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
export const toBase64 = (bytes) => btoa(String.fromCharCode(...bytes));
export const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
export const sha256 = async (...parts) => {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) all.set(p, o), (o += p.length);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
};
export const equal = (a, b) => a.length === b.length && a.every((x, k) => x === b[k]);
const LEAF = new Uint8Array([0]);
const NODE = new Uint8Array([1]);
/** RFC 6962 §2.1: a leaf's hash, and an interior node's. */
export const leafHash = (leaf) => sha256(LEAF, leaf);
const nodeHash = (left, right) => sha256(NODE, left, right);
const short = (bytes) => `${hex(bytes).slice(0, 16)}…`;

/** A check that ran and found the log, a proof or a signature wrong: its message says what, for a person. */
export class NotVerified extends Error {}

/** A verifier key text: name+keyid+base64(0x01 || 32-byte Ed25519 key); the key id is checked against the key. */
export async function parseKey(text) {
  const [name, id, key] = splitKey(text.trim());
  if (!name || !id || !key) throw new NotVerified('the log key is not of the form name+keyid+key');
  const raw = b64(key);
  if (raw.length !== 33 || raw[0] !== 1) throw new NotVerified('the log key is not an Ed25519 key');
  const pub = raw.slice(1);
  const expected = hex((await sha256(enc.encode(name), new Uint8Array([10, 1]), pub)).slice(0, 4));
  if (expected !== id) throw new NotVerified(`the log key's id ${id} does not match its name and key (${expected})`);
  return { name, id, pub, text: text.trim() };
}

function splitKey(t) {
  const a = t.indexOf('+'), b = t.indexOf('+', a + 1);
  return a < 0 || b < 0 ? [] : [t.slice(0, a), t.slice(a + 1, b), t.slice(b + 1)];
}

/**
 * A C2SP signed note holding a tlog-checkpoint: the text (up to and including the blank line's newline) and every
 * signature line, the log's own and any cosigners' (C2SP tlog-cosignature: key id, 8-byte timestamp, signature).
 */
export function parseCheckpoint(note) {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new NotVerified('the checkpoint is not a signed note (no blank line before the signatures)');
  const text = note.slice(0, split + 1);
  const lines = text.split('\n');
  if (lines.length < 4 || !/^\d+$/.test(lines[1])) throw new NotVerified('the checkpoint has no tree size on its second line');
  const size = BigInt(lines[1]);
  const root = b64(lines[2]);
  if (root.length !== 32) throw new NotVerified('the checkpoint\'s root hash is not 32 bytes long');
  const signatures = note.slice(split + 2).split('\n').filter(Boolean).map((l) => {
    const m = /^\u2014 (\S+) (\S+)$/.exec(l);
    if (!m) throw new NotVerified(`the checkpoint has a malformed signature line: ${l}`);
    const blob = b64(m[2]);
    if (blob.length < 5) throw new NotVerified(`the signature line of ${m[1]} is too short to hold a key id and a signature`);
    const sig = { name: m[1], id: hex(blob.slice(0, 4)), sig: blob.slice(4), value: m[2], line: l };
    if (blob.length === 4 + 8 + 64) {
      // tlog-cosignature/v1: a big-endian timestamp in seconds before the Ed25519 signature.
      const seconds = new DataView(blob.buffer, blob.byteOffset + 4, 8).getBigUint64(0);
      sig.timestamp = new Date(Number(seconds) * 1000);
    }
    return sig;
  });
  return { note, text, origin: lines[0], size, root, extensions: lines.slice(3, -1), signatures };
}

/** The node's latest checkpoint, parsed (its signatures are not checked here). */
export const latestCheckpoint = async () => parseCheckpoint(await api('/v1/ledger/checkpoint', { as: 'text' }));

/** The verifier key the node publishes, parsed and its key id checked. */
export const publishedKey = async () => parseKey(await api('/v1/ledger/key', { as: 'text' }));

/** Whether one signature line verifies with the key (Ed25519 over the note text, C2SP signed-note). */
export async function signatureVerifies(cp, s, key) {
  if (s.name !== key.name || s.id !== key.id || s.sig.length !== 64) return false;
  const pub = await crypto.subtle.importKey('raw', key.pub, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, pub, s.sig, enc.encode(cp.text));
}

/** The checkpoint must carry a signature by the key, and every signature by it must verify. */
export async function checkSignature(cp, key, whose = 'the pinned key') {
  const mine = cp.signatures.filter((s) => s.name === key.name && s.id === key.id);
  if (!mine.length) throw new NotVerified(`the checkpoint carries no signature by ${whose} ${key.name}+${key.id}`);
  for (const s of mine)
    if (!(await signatureVerifies(cp, s, key)))
      throw new NotVerified(`the checkpoint's signature does not verify with ${whose} ${key.name}+${key.id}`);
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to from a leaf hash. */
export async function rootFromProof(index, size, leaf, proof) {
  if (index >= size) throw new NotVerified(`entry ${index} is beyond the checkpoint's tree of size ${size}`);
  let fn = index, sn = size - 1n, r = leaf;
  for (const p of proof) {
    if (p.length !== 32) throw new NotVerified('a proof hash is not 32 bytes long');
    if (sn === 0n) throw new NotVerified('the inclusion proof is longer than the tree allows');
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) fn >>= 1n, (sn >>= 1n);
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new NotVerified('the inclusion proof is shorter than the tree needs');
  return r;
}

/** The inclusion proof must lead from the leaf hash to exactly the root. */
export async function checkInclusion(index, size, leaf, proof, root) {
  const got = await rootFromProof(index, size, leaf, proof);
  if (!equal(got, root))
    throw new NotVerified(`the inclusion proof leads to root ${short(got)}, but the signed checkpoint's root is ${short(root)}`);
}

/**
 * RFC 9162 §2.1.4.2: a consistency proof shows the tree of size m (root oldRoot) is a prefix of the tree of size n
 * (root newRoot). Sizes are BigInts; throws NotVerified saying which step failed.
 */
export async function checkConsistency(m, n, oldRoot, newRoot, proof) {
  if (m < 0n || m > n) throw new NotVerified(`the older size ${m} must be between 0 and the newer size ${n}`);
  for (const p of proof) if (p.length !== 32) throw new NotVerified('a proof hash is not 32 bytes long');
  if (m === n) {
    if (proof.length) throw new NotVerified(`a consistency proof between equal sizes ${m} must be empty`);
    if (!equal(oldRoot, newRoot)) throw new NotVerified(`two trees of size ${m} have different roots: the log forked`);
    return;
  }
  if (m === 0n) {
    if (proof.length) throw new NotVerified('a consistency proof from the empty tree must be empty');
    if (!equal(oldRoot, await sha256())) throw new NotVerified('the older root is not the root of the empty tree');
    return;
  }
  // Step 1.
  if (!proof.length) throw new NotVerified(`the consistency proof from size ${m} to ${n} is empty`);
  // Step 2: when m is a power of two the old root is the proof's implicit first node.
  const path = (m & (m - 1n)) === 0n ? [oldRoot, ...proof] : proof;
  // Steps 3 and 4.
  let fn = m - 1n, sn = n - 1n;
  while ((fn & 1n) === 1n) fn >>= 1n, (sn >>= 1n);
  // Step 5.
  let fr = path[0], sr = path[0];
  // Step 6.
  for (const c of path.slice(1)) {
    if (sn === 0n) throw new NotVerified(`the consistency proof from size ${m} to ${n} has more hashes than the trees allow`);
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) fn >>= 1n, (sn >>= 1n);
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  // Step 7.
  if (sn !== 0n) throw new NotVerified(`the consistency proof from size ${m} to ${n} has fewer hashes than the trees need`);
  if (!equal(fr, oldRoot))
    throw new NotVerified(`the proof rebuilds the older root as ${short(fr)}, but the checkpoint of size ${m} signed ${short(oldRoot)}`);
  if (!equal(sr, newRoot))
    throw new NotVerified(`the proof rebuilds the newer root as ${short(sr)}, but the checkpoint of size ${n} signed ${short(newRoot)}`);
}

/** "SHA-256 1a2b 3c4d …" of a key, for people to compare with a fingerprint published elsewhere. */
export async function fingerprint(key) {
  const groups = hex(await sha256(key.pub)).slice(0, 32).match(/.{4}/g).join(' ');
  return `${key.name}+${key.id} · SHA-256 ${groups}`;
}
