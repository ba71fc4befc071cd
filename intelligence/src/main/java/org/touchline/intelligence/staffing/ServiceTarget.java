package org.touchline.intelligence.staffing;

import java.time.Duration;
import java.util.Objects;

/**
 * A staffing goal such as "80 % of contacts answered within 20 seconds", optionally capping occupancy (agents busy
 * all the time burn out: 85 % is a common ceiling; 1.0 means no cap).
 */
public record ServiceTarget(double serviceLevel, Duration answerWithin, double maxOccupancy) {

    public ServiceTarget {
        Objects.requireNonNull(answerWithin, "answerWithin");
        if (!(serviceLevel > 0 && serviceLevel < 1)) {
            throw new IllegalArgumentException("service target: serviceLevel " + serviceLevel + " must be in (0, 1)");
        }
        if (answerWithin.isNegative()) {
            throw new IllegalArgumentException("service target: answerWithin " + answerWithin + " must not be negative");
        }
        if (!(maxOccupancy > 0 && maxOccupancy <= 1)) {
            throw new IllegalArgumentException("service target: maxOccupancy " + maxOccupancy + " must be in (0, 1]");
        }
    }

    /** Service level only, occupancy uncapped. */
    public static ServiceTarget of(double serviceLevel, Duration answerWithin) {
        return new ServiceTarget(serviceLevel, answerWithin, 1.0);
    }
}
