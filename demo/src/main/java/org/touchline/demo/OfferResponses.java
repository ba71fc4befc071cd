package org.touchline.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo company's monthly campaign and how its customers answer it, with a known uplift planted per action and
 * segment, so that the uplift the node measures from its hold-out groups can be checked against the truth.
 *
 * <p>Each month each customer in the campaign's audience is sent one of three actions, chosen at random. A customer
 * accepts with the segment's base rate (what they would have done anyway: upgraded, bought a phone, stayed) plus,
 * only if they were actually offered the action (not held out of it), the action's uplift in their segment. Those who
 * do not accept decline (a third of those offered) or ignore it; a held-out customer, offered nothing, ignores it.
 * The answers are drawn apart from the interaction history, from a generator of their own seeded by the demo's seed,
 * the customer, the action and the month, so every run of the same demo gives the same answers.
 *
 * <p>The segments are those of the shipped next-best-action catalogue: customers of less than a year, and the rest.
 */
public final class OfferResponses {
    public static final String NEW = "new customers", ESTABLISHED = "established customers";

    /** What the generator plants: the rate of accepting anyway, and what the offer adds to it. */
    public record Planted(String action, String segment, double base, double uplift) {}

    /**
     * Fibre sells itself to newcomers still choosing their speed, hardly to settled customers; a retention call keeps
     * established customers (who have something to lose) more than new ones; the phone offer is taken only by those
     * who would have bought a phone anyway.
     */
    public static final List<Planted> PLANTED = List.of(
            new Planted("fibre-upgrade-offer", NEW, 0.08, 0.20),
            new Planted("fibre-upgrade-offer", ESTABLISHED, 0.06, 0.04),
            new Planted("retention-call", NEW, 0.30, 0.05),
            new Planted("retention-call", ESTABLISHED, 0.30, 0.20),
            new Planted("device-telemarketing", NEW, 0.05, 0.0),
            new Planted("device-telemarketing", ESTABLISHED, 0.05, 0.0));

    /** An action sent (or, to a held-out customer, not sent) by the campaign. */
    public record Sent(String customer, String action, Instant at) {}

    /** Days between sending an offer and the customer's answer being known. */
    public static final Duration ANSWER_AFTER = Duration.ofDays(7);

    private OfferResponses() {}

    public static Planted planted(String action, String segment) {
        return PLANTED.stream().filter(p -> p.action().equals(action) && p.segment().equals(segment)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no uplift planted for " + action + " in segment '" + segment + "'"));
    }

    /**
     * The campaign's sendings over the {@code months} before {@code end} (every 30 days, the last a month before it):
     * each customer of the audience gets one of the planted actions each time, at random.
     */
    public static List<Sent> campaigns(Collection<String> audience, Instant end, int months, long seed) {
        List<String> actions = PLANTED.stream().map(Planted::action).distinct().toList();
        List<Sent> out = new ArrayList<>();
        for (int m = months; m >= 1; m--) {
            Instant at = end.minus(Duration.ofDays(30L * m));
            for (String c : audience) {
                SplittableRandom rng = rng(seed, c, "campaign", at);
                out.add(new Sent(c, actions.get(rng.nextInt(actions.size())), at));
            }
        }
        return out;
    }

    /** How the customer answered: accepted, declined or ignored. */
    public static String answer(Sent s, String segment, boolean heldOut, long seed) {
        Planted p = planted(s.action(), segment);
        SplittableRandom rng = rng(seed, s.customer(), s.action(), s.at());
        double r = rng.nextDouble();
        if (r < p.base() + (heldOut ? 0 : p.uplift())) return "accepted";
        return !heldOut && rng.nextDouble() < 1.0 / 3 ? "declined" : "ignored";
    }

    private static SplittableRandom rng(long seed, String customer, String what, Instant at) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (String part : new String[] {customer, what, at.toString()}) h = (h ^ part.hashCode()) * 0xBF58476D1CE4E5B9L + part.length();
        return new SplittableRandom(h);
    }
}
