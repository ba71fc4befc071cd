package org.touchline.intelligence.staffing;

import java.time.LocalDateTime;

/**
 * Staffing for one interval.
 *
 * @param agents          agents answering contacts needed to meet the target (Erlang C)
 * @param scheduledStaff  people to schedule so that {@code agents} remain after shrinkage
 * @param serviceLevel    expected share answered within the target time with {@code agents} (1 when no contacts)
 * @param occupancy       expected share of the agents' time spent on contacts
 */
public record StaffedInterval(LocalDateTime start, double forecastContacts, int agents, int scheduledStaff,
        double serviceLevel, double occupancy) {
}
