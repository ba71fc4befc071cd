package org.touchline.intelligence.staffing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.touchline.intelligence.forecast.Forecast;
import org.touchline.intelligence.forecast.IntervalForecast;

/**
 * Turns a contact forecast into a staffing plan: Erlang C agents per interval for the expected contacts (offered
 * over the time the channel is open within the interval), then {@code agents / (1 - shrinkage)} rounded up to
 * scheduled staff, since breaks, training and absence take that share of paid time away from the queue.
 */
public final class StaffingPlanner {

    private final Duration averageHandling;
    private final ServiceTarget target;
    private final double shrinkage;

    public StaffingPlanner(Duration averageHandling, ServiceTarget target, double shrinkage) {
        Objects.requireNonNull(target, "target");
        if (averageHandling == null || averageHandling.isZero() || averageHandling.isNegative()) {
            throw new IllegalArgumentException("staffing: average handling time " + averageHandling + " must be positive");
        }
        if (!(shrinkage >= 0 && shrinkage < 1)) {
            throw new IllegalArgumentException("staffing: shrinkage " + shrinkage + " must be in [0, 1)");
        }
        this.averageHandling = averageHandling;
        this.target = target;
        this.shrinkage = shrinkage;
    }

    public StaffingPlan plan(Forecast forecast) {
        List<StaffedInterval> staffed = new ArrayList<>();
        for (IntervalForecast f : forecast.intervals()) {
            int agents = ErlangC.agentsNeeded(f.expected(), f.openLength(), averageHandling, target);
            double serviceLevel = 1.0;
            double occupancy = 0.0;
            if (agents > 0) {
                ErlangC queue = new ErlangC(agents, ErlangC.traffic(f.expected(), f.openLength(), averageHandling));
                serviceLevel = queue.serviceLevel(averageHandling, target.answerWithin());
                occupancy = queue.occupancy();
            }
            staffed.add(new StaffedInterval(f.start(), f.expected(), agents, scheduled(agents), serviceLevel, occupancy));
        }
        return new StaffingPlan(forecast.channel(), forecast.interval(), averageHandling, target, shrinkage, staffed);
    }

    /** Staff to schedule so that {@code agents} are left after shrinkage; the epsilon keeps 14 / 0.7 at 20, not 21. */
    public int scheduled(int agents) {
        return (int) Math.ceil(agents / (1 - shrinkage) - 1e-9);
    }
}
