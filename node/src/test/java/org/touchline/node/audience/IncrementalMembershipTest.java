package org.touchline.node.audience;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluator's members after any sequence of entries, rounds and passing time are the members a full evaluation of
 * every customer finds at the end: an audience defined then with the same rule, whose first pass reads everyone.
 */
class IncrementalMembershipTest {
    private static final String[] CHANNELS = {"web", "call_centre", "store", "email"};
    private static final String[] TYPES = {"enquiry", "complaint", "purchase", "resolution"};
    private static final Map<String, String> RULES = new TreeMap<>(Map.of(
            "web-regulars", "customer.last7d.channels.web >= 2 || customer.last30d.interactions >= 4",
            "complainers", "customer.last90d.types.complaint >= 1 && customer.complaintsOpen > 0",
            "marketable", "customer.consents.marketing && customer.interactions >= 2",
            "settled", "customer.tenureDays >= 20 && customer.daysSinceLastInteraction < 10",
            "quiet", "customer.last30d.channels.call_centre == 0 && has(customer.stage)"));

    @TempDir Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void incrementalMembersEqualAFullEvaluation(long seed) throws Exception {
        Random random = new Random(seed);
        try (AudienceFixture f = new AudienceFixture(dir.resolve("s" + seed))) {
            RULES.forEach((name, rule) -> f.audiences.define(name, rule, null, "analyst:test"));
            for (int step = 0; step < 80; step++) {
                String email = "c" + random.nextInt(12) + "@example.com";
                switch (random.nextInt(10)) {
                    case 0 -> f.clock.advance(Duration.ofHours(1 + random.nextInt(96)));
                    case 1 -> f.audiences.evaluator().round();
                    case 2 -> {
                        try {
                            f.node.customerEvents().consent(f.customer(email), "marketing", random.nextBoolean() ? "granted" : "withdrawn", "web", null);
                        } catch (RuntimeException noSuchCustomerYet) {
                            f.interaction(email, "web", "enquiry", 0);
                        }
                    }
                    case 3 -> f.audiences.evaluator().catchUp();
                    default -> f.interaction(email, CHANNELS[random.nextInt(CHANNELS.length)], TYPES[random.nextInt(TYPES.length)], random.nextDouble() * 12);
                }
            }
            f.audiences.evaluator().catchUp();
            RULES.forEach((name, rule) -> f.audiences.define("full-" + name, rule, null, "analyst:test"));
            f.audiences.evaluator().catchUp();
            for (String name : RULES.keySet())
                assertThat(f.members(name)).as(name + " (seed " + seed + ")").isEqualTo(f.members("full-" + name));
            assertThat(RULES.keySet().stream().mapToInt(n -> f.members(n).size()).sum()).as("some customer is in some audience").isPositive();
        }
    }
}
