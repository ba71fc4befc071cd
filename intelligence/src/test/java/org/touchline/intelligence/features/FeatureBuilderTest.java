package org.touchline.intelligence.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureBuilderTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final FeatureBuilder BUILDER = new FeatureBuilder(FeatureBuilder.Vocabulary.defaults(Map.of("PLN-FIB500", 36.0)));
    static final String[] CHANNELS = {"web", "app", "call_centre", "store", "email", "chat"};
    static final String[] TYPES = {"page_view", "complaint", "email_sent", "purchase", "bill_view", "chat_support", "account_closed"};

    static HistoryItem item(int day, String channel, String type) {
        return new HistoryItem(T0.plus(Duration.ofDays(day)), channel, type, List.of(), null, null, null);
    }

    static List<HistoryItem> randomHistory(Random r, int n) {
        List<HistoryItem> h = new ArrayList<>();
        for (int k = 0; k < n; k++)
            h.add(new HistoryItem(T0.plus(Duration.ofMinutes(r.nextInt(800 * 1440))), CHANNELS[r.nextInt(CHANNELS.length)],
                    TYPES[r.nextInt(TYPES.length)], r.nextInt(5) == 0 ? List.of("PLN-FIB500") : List.of(),
                    r.nextInt(4) == 0 ? 1 + r.nextInt(5) : null, r.nextInt(3) == 0 ? r.nextDouble() * 2 - 1 : null, "support"));
        return h;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void nothing_at_or_after_the_moment_changes_the_features(long seed) {
        Random r = new Random(seed);
        List<HistoryItem> history = randomHistory(r, 200);
        Instant asOf = T0.plus(Duration.ofMinutes(r.nextInt(800 * 1440)));
        List<HistoryItem> pastOnly = history.stream().filter(i -> i.at().isBefore(asOf)).toList();
        List<List<HistoryItem>> household = List.of(randomHistory(r, 50));
        List<List<HistoryItem>> householdPast = List.of(household.get(0).stream().filter(i -> i.at().isBefore(asOf)).toList());

        assertThat(BUILDER.at("c", history, household, asOf)).isEqualTo(BUILDER.at("c", pastOnly, householdPast, asOf));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void channel_shares_of_an_active_year_sum_to_one(long seed) {
        Random r = new Random(seed);
        FeatureVector f = BUILDER.at("c", randomHistory(r, 300), List.of(), T0.plus(Duration.ofDays(700)));
        double sum = f.numeric().entrySet().stream().filter(e -> e.getKey().startsWith("share_")).mapToDouble(Map.Entry::getValue).sum();
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void recency_frequency_and_tenure_count_days_back_from_the_moment() {
        FeatureVector f = BUILDER.at("c", List.of(item(0, "web", "page_view"), item(80, "web", "page_view"), item(95, "app", "bill_view")),
                List.of(), T0.plus(Duration.ofDays(100)));
        assertThat(f.number("tenure_days")).isEqualTo(100.0);
        assertThat(f.number("recency_days")).isEqualTo(5.0);
        assertThat(f.number("frequency_30d")).isEqualTo(2.0);
        assertThat(f.number("frequency_365d")).isEqualTo(3.0);
        assertThat(f.number("online_touches_30d")).isEqualTo(2.0);
    }

    @Test
    void a_complaint_is_resolved_by_the_first_follow_up_and_open_until_then() {
        List<HistoryItem> h = List.of(item(10, "call_centre", "complaint"), item(12, "email", "email_sent"),
                item(20, "call_centre", "complaint"));
        FeatureVector f = BUILDER.at("c", h, List.of(), T0.plus(Duration.ofDays(30)));
        assertThat(f.number("complaint_resolution_hours")).isEqualTo(48.0);
        assertThat(f.number("complaints_open")).isEqualTo(1.0);
        assertThat(f.number("days_since_complaint")).isEqualTo(10.0);
    }

    @Test
    void value_counts_the_prices_of_the_last_years_purchases() {
        HistoryItem buy = new HistoryItem(T0.plus(Duration.ofDays(5)), "store", "purchase", List.of("PLN-FIB500", "UNKNOWN"), null, null, "decision");
        FeatureVector f = BUILDER.at("c", List.of(buy), List.of(), T0.plus(Duration.ofDays(10)));
        assertThat(f.number("value_365d")).isEqualTo(36.0);
        assertThat(f.number("products_held")).isEqualTo(2.0);
        assertThat(f.categorical()).containsEntry("stage", "decision").containsEntry("last_channel", "store");
    }

    @Test
    void the_household_counts_members_who_left() {
        FeatureVector f = BUILDER.at("c", List.of(item(1, "web", "page_view")),
                List.of(List.of(item(3, "call_centre", "account_closed")), List.of(item(4, "web", "page_view"))), T0.plus(Duration.ofDays(10)));
        assertThat(f.number("household_size")).isEqualTo(3.0);
        assertThat(f.number("household_churned")).isEqualTo(1.0);
    }

    @Test
    void a_label_looks_only_into_the_window_after_the_moment() {
        List<HistoryItem> h = List.of(item(10, "call_centre", "account_closed"));
        assertThat(FeatureBuilder.happensWithin(h, T0.plus(Duration.ofDays(5)), Duration.ofDays(10), Set.of("account_closed"))).isTrue();
        assertThat(FeatureBuilder.happensWithin(h, T0.plus(Duration.ofDays(5)), Duration.ofDays(4), Set.of("account_closed"))).isFalse();
        assertThat(FeatureBuilder.happensWithin(h, T0.plus(Duration.ofDays(10)), Duration.ofDays(30), Set.of("account_closed"))).isFalse();
    }
}
