package org.touchline.domain.store;

/** One line of a customer's timeline: which entry, when, and in which role the customer took part. */
public record TimelineRow(String customerId, long occurredAtMillis, long index, String role) {}
