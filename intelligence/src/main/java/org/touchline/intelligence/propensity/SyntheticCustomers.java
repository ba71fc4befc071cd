package org.touchline.intelligence.propensity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded made-up customers whose churn follows a known rule, for tests, demos and benchmarks. Customer {@code i}
 * is the same for a given seed however many are drawn, so a million can be produced in any order.
 *
 * <p>The rule, in log-odds: {@code -2.5 + 0.9 complaints_90d + 0.015 days_since_last_contact - 0.5 sentiment_trend
 * - 0.01 tenure_months - 0.1 (products - 1) + 0.7 [journey_stage = at_risk] + 0.4 [journey_stage = lapsed]}.
 * {@code contacts_90d}, {@code spend_12m}, {@code rating_avg} (missing for a fifth) and {@code preferred_channel}
 * are noise. Complaints are the strongest driver.
 */
public final class SyntheticCustomers {
    public static final String TRUE_DRIVER = "complaints_90d";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long YEAR_SECONDS = Duration.ofDays(365).toSeconds();
    private static final String[] CHANNELS = {"web", "app", "store", "call_centre", "email"};
    private static final String[] STAGES = {"onboarding", "active", "active", "active", "at_risk", "lapsed"};

    private final long seed;

    public SyntheticCustomers(long seed) {
        this.seed = seed;
    }

    public Example customer(int index) {
        var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        String id = "cust-" + index;
        Instant asOf = START.plusSeconds(random.nextLong(YEAR_SECONDS));
        double days = Math.floor(-30 * Math.log(1 - random.nextDouble()));
        double contacts = poisson(random, 4);
        double spend = Math.round(Math.exp(6 + 0.8 * gaussian(random)) * 100) / 100.0;
        double complaints = poisson(random, 0.4);
        double sentiment = gaussian(random);
        double rating = 1 + 4 * random.nextDouble();
        boolean ratingMissing = random.nextDouble() < 0.2;
        double tenure = 1 + random.nextInt(120);
        double products = 1 + Math.min(4, poisson(random, 1));
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        String stage = STAGES[random.nextInt(STAGES.length)];
        var numeric = new HashMap<String, Double>(Map.of(
                "days_since_last_contact", days, "contacts_90d", contacts, "spend_12m", spend,
                TRUE_DRIVER, complaints, "sentiment_trend", sentiment, "tenure_months", tenure, "products", products));
        if (!ratingMissing) {
            numeric.put("rating_avg", rating);
        }
        var categorical = Map.of("preferred_channel", channel, "journey_stage", stage);
        Example unlabelled = new Example(id, id, asOf, numeric, categorical, null);
        return unlabelled.withLabel(random.nextDouble() < churnProbability(unlabelled));
    }

    /** Customers {@code from} .. {@code from + count - 1}. */
    public List<Example> customers(int from, int count) {
        List<Example> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            out.add(customer(i));
        }
        return out;
    }

    /** The true churn probability under the rule above. */
    public static double churnProbability(Example e) {
        String stage = e.categorical().get("journey_stage");
        double logOdds = -2.5 + 0.9 * e.numeric().get(TRUE_DRIVER) + 0.015 * e.numeric().get("days_since_last_contact")
                - 0.5 * e.numeric().get("sentiment_trend") - 0.01 * e.numeric().get("tenure_months")
                - 0.1 * (e.numeric().get("products") - 1)
                + ("at_risk".equals(stage) ? 0.7 : 0) + ("lapsed".equals(stage) ? 0.4 : 0);
        return 1 / (1 + Math.exp(-logOdds));
    }

    private static double poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
