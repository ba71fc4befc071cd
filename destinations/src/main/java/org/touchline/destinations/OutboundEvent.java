package org.touchline.destinations;

/**
 * One ledger entry as a receiver gets it: its id (the same at every attempt and replay, so a receiver dedupes on it),
 * the customer it is about (the current id, merges followed; null for entries about nobody), and the JSON body.
 *
 * @param kind the subscription kind it belongs to ({@link EntryKinds})
 */
record OutboundEvent(String id, long index, String kind, String customer, String body) {}
