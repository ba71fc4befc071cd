package org.touchline.demo;

import java.util.SplittableRandom;

/**
 * Why the demo company's customers leave or buy more: from what they lived through, with noise, so that a model of
 * their history can learn it as it would a real company's, and its reasons read true.
 *
 * <p>Each day every customer has a chance to start cancelling, to upgrade their plan and to buy a device. The chance
 * is a yearly base rate times exp(log-odds), where the log-odds add up what happened to them, each fading with time:
 * <ul>
 *   <li>leaving: a complaint still open, complaints lately, faults and area outages that hit them, long waits on the
 *   phone, a price rise, a member of their household leaving; a long tenure holds them; a contract anniversary (the
 *   end of a minimum term) frees them to go;</li>
 *   <li>buying: looking at products lately, a longer tenure and a bigger household; an open complaint or a recent fault
 *   puts them off;</li>
 *   <li>and for each customer a fixed leaning of their own that no system records (the noise: a model can only
 *   guess it from behaviour).</li>
 * </ul>
 */
final class Behaviour {
    static final double CHURN_PER_YEAR = 0.3, UPGRADE_PER_YEAR = 0.22, DEVICE_PER_YEAR = 0.45;
    /** The spread of each customer's unrecorded leaning, on the log-odds scale. */
    static final double LEANING = 0.8;
    private static final long DAY = Journeys.DAY;

    private final SplittableRandom rng;

    Behaviour(SplittableRandom rng, DemoCustomer[] customers) {
        this.rng = rng;
        for (DemoCustomer c : customers) {
            c.leavingLeaning = rng.nextGaussian() * LEANING;
            c.buyingLeaning = rng.nextGaussian() * LEANING;
        }
    }

    /**
     * Starts today's cancellations and purchases that customers' experience (and leaning) leads to; in the weeks
     * before Christmas ({@code gifts}) twice as many buy a device.
     */
    void day(Journeys j, DemoCustomer[] customers, long dayStart, boolean gifts) {
        double devices = DEVICE_PER_YEAR * (gifts ? 2 : 1);
        // Mean of exp(leaning) is exp(sigma^2 / 2): divide it out so the base rates hold on average.
        double norm = Math.exp(LEANING * LEANING / 2);
        for (DemoCustomer c : customers) {
            if (!c.activeAt(dayStart) || c.cancelling > dayStart) continue;
            long t = dayStart + (long) (rng.nextDouble() * 12 * Journeys.HOUR);
            if (rng.nextDouble() < CHURN_PER_YEAR / 365 / norm * Math.exp(leaving(c, dayStart))) {
                c.cancelling = dayStart + 45 * DAY;     // one cancellation at a time
                j.cancel(c, t);
            } else {
                double buy = Math.exp(buying(c, dayStart)) / norm / 365;
                double r = rng.nextDouble();
                if (r < UPGRADE_PER_YEAR * buy) j.upgrade(c, t);
                else if (r < (UPGRADE_PER_YEAR + devices) * buy) j.device(c, t);
            }
        }
    }

    /** The log-odds of starting to leave at {@code t} over the base rate. */
    static double leaving(DemoCustomer c, long t) {
        double x = c.leavingLeaning;
        if (c.lastComplaintAt <= t && c.complaintOpenUntil > t) x += 1.3;
        x += 0.5 * Math.min(3, c.complaints) * fading(c.lastComplaintAt, t, 90);
        x += 1.0 * fading(c.lastOutageAt, t, 45);
        x += 0.6 * fading(c.lastFaultAt, t, 45);
        x += 0.7 * fading(c.lastLongWaitAt, t, 40);
        x += 1.0 * fading(c.priceRiseAt, t, 120);
        x += 1.2 * fading(c.householdLeftAt, t, 150);
        double years = (t - c.joinedAt) / (365.0 * DAY);
        x -= 0.35 * Math.min(4, Math.max(0, years));
        double sinceAnniversary = (years - Math.floor(years)) * 365;
        if (years >= 1 && sinceAnniversary < 30) x += 0.8;
        return x;
    }

    /** The log-odds of buying at {@code t} over the base rate. */
    static double buying(DemoCustomer c, long t) {
        double x = c.buyingLeaning;
        x += 1.2 * fading(c.lastBrowsedAt, t, 20);
        x += 0.3 * Math.min(3, c.members.length);
        x += 0.25 * Math.min(2, Math.max(0, (t - c.joinedAt) / (365.0 * DAY)));
        if (c.lastComplaintAt <= t && c.complaintOpenUntil > t) x -= 1.0;
        x -= 0.7 * fading(c.lastFaultAt, t, 30);
        return x;
    }

    /** 1 just after {@code at}, halving every {@code halfLifeDays}; 0 if it never happened or has not yet. */
    static double fading(long at, long t, double halfLifeDays) {
        if (at == Long.MIN_VALUE || at > t) return 0;
        return Math.pow(0.5, (t - at) / (halfLifeDays * DAY));
    }
}
