package org.touchline.intelligence.staffing;

import java.time.Duration;

/**
 * An M/M/N queue in the steady state: {@code agents} agents offered {@code traffic} Erlangs (arrival rate x average
 * handling time). The probability of waiting comes from the Erlang B recursion {@code B(k) = A B(k-1) / (k + A
 * B(k-1))}, which stays between 0 and 1 at every step, so thousands of Erlangs do not overflow as {@code A^N / N!}
 * would; then {@code C = N B / (N - A (1 - B))}. When {@code traffic >= agents} the queue grows without bound: every
 * contact waits, the service level is 0 and the average speed of answer is infinite.
 */
public record ErlangC(int agents, double traffic) {

    public ErlangC {
        if (agents < 1) {
            throw new IllegalArgumentException("Erlang C: agents " + agents + " must be >= 1");
        }
        if (!(traffic >= 0) || Double.isInfinite(traffic)) {
            throw new IllegalArgumentException("Erlang C: traffic " + traffic + " Erlangs must be a finite number >= 0");
        }
    }

    /** Offered traffic in Erlangs: contacts arriving during {@code period}, each taking {@code averageHandling}. */
    public static double traffic(double contacts, Duration period, Duration averageHandling) {
        if (!(contacts >= 0) || period.isZero() || period.isNegative() || averageHandling.isNegative()) {
            throw new IllegalArgumentException("Erlang C: traffic needs contacts >= 0 (" + contacts
                    + "), a positive period (" + period + ") and a handling time >= 0 (" + averageHandling + ")");
        }
        return contacts * averageHandling.toNanos() / period.toNanos();
    }

    /** Erlang B: the probability that all agents are busy in a loss system (no queue). */
    public double blockingProbability() {
        double b = 1.0;
        for (int k = 1; k <= agents; k++) {
            b = traffic * b / (k + traffic * b);
        }
        return b;
    }

    /** Erlang C: the probability that a contact finds every agent busy and waits. */
    public double waitProbability() {
        if (traffic >= agents) {
            return 1.0;
        }
        double b = blockingProbability();
        return agents * b / (agents - traffic * (1 - b));
    }

    /** Share of contacts answered within {@code answerWithin}: {@code 1 - C exp(-(N - A) t / AHT)}. */
    public double serviceLevel(Duration averageHandling, Duration answerWithin) {
        if (traffic >= agents) {
            return 0.0;
        }
        if (averageHandling.isZero()) {
            return 1.0;
        }
        double exponent = -(agents - traffic) * answerWithin.toNanos() / (double) averageHandling.toNanos();
        return 1 - waitProbability() * Math.exp(exponent);
    }

    /** Average speed of answer in seconds: {@code C x AHT / (N - A)}; infinite for an unstable queue. */
    public double averageSpeedOfAnswerSeconds(Duration averageHandling) {
        if (traffic >= agents) {
            return Double.POSITIVE_INFINITY;
        }
        return waitProbability() * averageHandling.toNanos() / 1e9 / (agents - traffic);
    }

    /** Share of agent time spent handling contacts, {@code A / N}, at most 1. */
    public double occupancy() {
        return Math.min(1.0, traffic / agents);
    }

    /**
     * Fewest agents meeting {@code target} for {@code contacts} arriving within {@code period}: at least one more
     * than the traffic (a stable queue), at least traffic / maximum occupancy, then one more until the service level
     * is reached. No contacts need no agents.
     */
    public static int agentsNeeded(double contacts, Duration period, Duration averageHandling, ServiceTarget target) {
        double a = traffic(contacts, period, averageHandling);
        if (a == 0) {
            return 0;
        }
        int n = (int) Math.max(Math.floor(a) + 1, Math.ceil(a / target.maxOccupancy() - 1e-9));
        while (new ErlangC(n, a).serviceLevel(averageHandling, target.answerWithin()) < target.serviceLevel()) {
            n++;
        }
        return n;
    }
}
