// The agent console's words: what each role, identifier, purpose and relation is called, which interaction types each
// channel records, and the small element pieces every panel uses to show them.
import { CHANNELS, h, humanise } from '../common.js';

// The customer's part in an interaction. Beneficiary and account holder count as "subject" (the interaction is
// about them); the other roles mean the customer acted for someone else.
export const ROLE_TEXT = {
  subject: 'about this customer',
  actor: 'acted for another customer',
  payer: 'paid for another customer',
  proxy: 'proxy for another customer',
  organisation: 'organisation of another customer',
  beneficiary: 'benefited',
  accountHolder: 'account holder',
  affected: 'was affected (an event from outside: an outage, a recall)',
};

// The interaction types an agent of each channel records most (the demo company's vocabulary); any channel may
// also record the general ones.
export const TYPES_BY_CHANNEL = {
  call_centre: ['general_enquiry', 'billing_enquiry', 'technical_support', 'fault_report', 'complaint', 'sales_enquiry',
    'upgrade_enquiry', 'cancellation_request', 'retention_offer', 'home_move', 'delivery_enquiry'],
  store: ['store_enquiry', 'purchase', 'repair_dropoff', 'repair_collection', 'complaint'],
  chat: ['chat_support', 'chat_sales', 'complaint'],
  email: ['general_enquiry', 'complaint', 'billing_enquiry'],
  social: ['social_message', 'social_mention', 'complaint'],
  field_service: ['installation', 'repair_visit', 'upgrade_visit', 'equipment_collection'],
  survey: ['survey_response'],
  web: ['general_enquiry', 'order_placed', 'details_updated'],
  app: ['general_enquiry', 'details_updated'],
  ticket: ['fault_report', 'complaint', 'technical_support'],
};
export const GENERAL_TYPES = ['general_enquiry', 'complaint', 'details_updated', 'consent_updated'];

const ID_LABELS = {
  email: 'Email', phone: 'Phone', account: 'Account', customer_id: 'Customer id', crm_id: 'CRM id',
  loyalty_card: 'Loyalty card', social_handle: 'Social handle', order_id: 'Order', ticket_id: 'Ticket',
  device_id: 'Device', cookie: 'Cookie', ip: 'IP address', name: 'Name', postcode: 'Postcode',
  date_of_birth: 'Date of birth', address: 'Address', touchline: 'Touchline id',
};
export const STRONG_TYPES = ['account', 'email', 'phone', 'customer_id'];
export const PURPOSE_NAMES = {
  service: 'Service', analytics: 'Analytics', personalisation: 'Personalisation', marketing: 'Marketing', model_training: 'Model training',
};
export const RELATION_TEXT = {
  household: () => 'Same household',
  proxy: (out) => (out ? 'Acts for' : 'Acted for by'),
  employee: (out) => (out ? 'Works for' : 'Employs'),
  parent: (out) => (out ? 'Part of' : 'Parent of'),
};

export const CHANNEL_ORDER = Object.keys(CHANNELS);
export const chClass = (c) => (CHANNELS[c] ? `ch-${c}` : 'ch-other');
export const idLabel = (type) => ID_LABELS[type] || humanise(type);
export const idText = (id) => (id && id.type ? `${id.type}:${id.value}` : String(id));

/** One of our own constant icons as inline SVG markup. */
export function svg(inner, cls = 'icon') {
  return `<svg class="${cls}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${inner}</svg>`;
}

/** A link that opens a customer in the console (its text is the id until a name is put on it). */
export const customerLink = (id, text) => h('a', { href: `#customer=${encodeURIComponent(id)}`, class: 'customer-link mono', 'data-customer': id }, text || id);

/** Every identifier a record carries: its own and its parties'. */
export const carriedIdentifiers = (it) => [...(it.identifiers || []), ...(it.parties || []).flatMap((p) => p.identifiers || [])];
