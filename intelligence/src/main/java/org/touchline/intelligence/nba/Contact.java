package org.touchline.intelligence.nba;

import java.time.Instant;

/** An outbound contact already made to the customer (a recorded next best action), for the frequency caps. */
public record Contact(Instant at, String channel, String action) {}
