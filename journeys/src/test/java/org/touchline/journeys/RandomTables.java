package org.touchline.journeys;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded random touches for property tests and the SQL cross-check: customers in households and segments, each with
 * bursts of touches across channels and every stage, at most one touch per customer per second (so no order depends
 * on ties).
 */
final class RandomTables {
    static final String[] CHANNELS = {"web", "app", "store", "call_centre", "email", "social"};
    static final String[] TYPES = {"page_view", "product_view", "search", "email_sent", "email_opened", "social_ad_click",
            "add_to_cart", "chat_sales", "store_enquiry", "order_placed", "purchase", "account_opened", "plan_changed",
            "technical_support", "billing_enquiry", "complaint", "account_closed", "login", "review", "survey_response"};
    // More of the early stages, so funnels and journeys have something to convert.
    static final double[] WEIGHTS = {14, 12, 4, 8, 6, 2, 6, 2, 3, 3, 2, 1, 1, 4, 3, 1, 0.5, 5, 1, 1};
    static final String[] PRODUCTS = {"P1", "P2", "P3", "P4", "P5"};
    static final String[] SEGMENTS = {"young", "family", "business"};

    private RandomTables() {}

    static List<Touch> touches(long seed, int customers, int touches) {
        SplittableRandom r = new SplittableRandom(seed);
        double total = 0;
        for (double w : WEIGHTS) total += w;
        List<Touch> out = new ArrayList<>(touches);
        String[] household = new String[customers];
        for (int c = 0; c < customers; c++) household[c] = r.nextDouble() < 0.5 ? "h" + (c / 3) : null;
        Set<Long> taken = new HashSet<>();
        long span = Duration.ofDays(365).getSeconds();
        while (out.size() < touches) {
            int c = r.nextInt(customers);
            long t = r.nextLong(span);
            int burst = 1 + r.nextInt(8);
            for (int k = 0; k < burst && out.size() < touches; k++) {
                t += (long) (-Math.log(1 - r.nextDouble()) * (r.nextDouble() < 0.8 ? 86_400 : 20 * 86_400));
                if (!taken.add(((long) c << 40) | t)) continue;
                double x = r.nextDouble() * total;
                int ty = 0;
                while (ty < TYPES.length - 1 && (x -= WEIGHTS[ty]) > 0) ty++;
                List<String> products = switch (r.nextInt(4)) {
                    case 0 -> List.of();
                    case 1 -> List.of(PRODUCTS[r.nextInt(PRODUCTS.length)], PRODUCTS[r.nextInt(PRODUCTS.length)]);
                    default -> List.of(PRODUCTS[r.nextInt(PRODUCTS.length)]);
                };
                String channel = CHANNELS[r.nextInt(CHANNELS.length)];
                out.add(new Touch("cust-" + c, household[c], null, Tables.T0.plusSeconds(t), channel, TYPES[ty],
                        "src-" + r.nextInt(3), products, c % 7 == 0 ? null : SEGMENTS[c % SEGMENTS.length], null));
            }
        }
        return out;
    }

    static TouchTable table(long seed, int customers, int touches) {
        TouchTable.Builder b = TouchTable.builder(StageMap.defaults());
        touches(seed, customers, touches).forEach(b::add);
        return b.build();
    }

    /** Five steps with windows: look, look closer, consider, decide, and need support afterwards. */
    static FunnelQuery funnel() {
        return new FunnelQuery(List.of(
                new FunnelQuery.Step("aware or interested", TouchFilter.stage(Stage.AWARENESS, Stage.INTEREST), null),
                new FunnelQuery.Step("product view", TouchFilter.type("product_view").withProducts("P1", "P2", "P3"), Duration.ofDays(14)),
                new FunnelQuery.Step("consider", TouchFilter.stage(Stage.CONSIDERATION), Duration.ofDays(14)),
                new FunnelQuery.Step("decide", TouchFilter.stage(Stage.DECISION).withChannels("web", "store", "app"), Duration.ofDays(21)),
                new FunnelQuery.Step("support", TouchFilter.stage(Stage.SUPPORT), Duration.ofDays(60))),
                Tables.T0.plusSeconds(Duration.ofDays(30).getSeconds()), Tables.T0.plusSeconds(Duration.ofDays(300).getSeconds()));
    }
}
