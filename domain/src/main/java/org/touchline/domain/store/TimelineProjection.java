package org.touchline.domain.store;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** The timelines: each customer's interactions, by role, newest first (part of the {@link ProjectionStore}). */
public interface TimelineProjection {
    /** Newest first; rows older than the cursor {@code (beforeMillis, beforeIndex)} when given. */
    List<TimelineRow> timeline(String customerId, Long beforeMillis, Long beforeIndex, int limit);

    /** One timeline over several customers (a household), newest first, with the same cursor as {@link #timeline(String, Long, Long, int)}. */
    List<TimelineRow> timeline(Collection<String> customers, Long beforeMillis, Long beforeIndex, int limit);

    long timelineCount(String customerId);

    long timelineCount(Collection<String> customers);

    /** Every timeline row of one role ("subject": whose interaction it is), customer by customer, oldest first: analytics read the whole population this way. */
    void allTimeline(String role, Consumer<TimelineRow> out);
}
