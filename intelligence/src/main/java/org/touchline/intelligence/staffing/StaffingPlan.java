package org.touchline.intelligence.staffing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Agents and scheduled staff per forecast interval of one channel, with the assumptions they rest on. */
public record StaffingPlan(String channel, Duration interval, Duration averageHandling, ServiceTarget target,
        double shrinkage, List<StaffedInterval> intervals) {

    public StaffingPlan {
        Objects.requireNonNull(channel, "channel");
        intervals = List.copyOf(intervals);
    }

    public int peakScheduledStaff() {
        return intervals.stream().mapToInt(StaffedInterval::scheduledStaff).max().orElse(0);
    }

    /** Scheduled person-hours over the plan. */
    public double scheduledHours() {
        return intervals.stream().mapToDouble(i -> i.scheduledStaff() * interval.toSeconds() / 3600.0).sum();
    }
}
