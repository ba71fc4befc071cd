// People by name where the viewer may read their identity: in the timeline's decisions and the relations panel.
import { api, customerPath, h } from '../common.js';
import { state } from './page.js';

/** A decision's words with each customer id in it as a reference that {@link namePeople} can put a name on. */
export function withPeople(text) {
  return text.split(/(cu_[0-9a-f]{16})/).map((part, k) => (k % 2
    ? h('span', { class: 'person-ref', 'data-customer': part, title: part }, part) : part));
}

/** The name among a customer's identifiers, or null when none is given (or it was erased). */
export const nameIn = (ids) => ((ids || []).find((i) => i.type === 'name' && i.value) || {}).value || null;

/** Names by customer id, from their identity (which the viewer's token may read), asked once per customer. */
const names = new Map();
function nameOf(customerId) {
  if (!names.has(customerId)) {
    names.set(customerId, api(customerPath(customerId, '/identity'))
      .then((identity) => nameIn(identity.identifiers))
      .catch(() => null));
  }
  return names.get(customerId);
}

/** Puts names on the customer ids in the timeline's decisions (household links, merges) where the viewer may see them. */
export async function namePeople(root, seq) {
  const refs = [...root.querySelectorAll('.person-ref:not([data-named])')];
  await Promise.all(refs.map(async (ref) => {
    const name = await nameOf(ref.dataset.customer);
    if (name && seq === state.requestSeq) {
      ref.dataset.named = 'true';
      ref.textContent = ref.dataset.customer === state.customerId ? `${name} (this customer)` : name;
    }
  }));
}

/** Related customers by name as well as id (a few: each is a read of that customer's data, and is logged). */
export async function nameLinks(root, seq) {
  const links = [...root.querySelectorAll('a.customer-link')].slice(0, 8);
  await Promise.all(links.map(async (a) => {
    const name = await nameOf(a.dataset.customer);
    if (name && seq === state.requestSeq) {
      a.replaceChildren(h('span', { class: 'link-name' }, name), ' ', h('span', { class: 'link-id' }, a.dataset.customer));
    }
  }));
}
