package org.touchline.intelligence.nba;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.touchline.intelligence.features.FeatureVector;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NextBestActionTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final NextBestAction NBA = new NextBestAction(ActionCatalogue.defaults());
    static final PurposeCheck EVERYTHING = (c, p) -> true;
    static final Map<String, NextBestAction.PropensityScore> LIKELY_TO_BUY = Map.of(
            "upsell", new NextBestAction.PropensityScore(0.6, List.of("products_held")),
            "churn", new NextBestAction.PropensityScore(0.01, List.of()));

    /** A settled customer of two years who uses the website now and then. */
    static Map<String, Double> settled() {
        Map<String, Double> f = new HashMap<>(Map.of("tenure_days", 700.0, "products_held", 2.0, "online_touches_30d", 0.0,
                "complaints_open", 0.0, "complaints_90d", 0.0, "sentiment_90d", 0.0, "days_since_complaint", 3650.0, "share_app", 0.1));
        return f;
    }

    static FeatureVector features(Map<String, Double> numeric) {
        return new FeatureVector("cu_1", NOW, new TreeMap<>(numeric), new TreeMap<>(Map.of("stage", "retention")));
    }

    static Recommendation recommend(Map<String, Double> f, PurposeCheck consent, List<Contact> contacts, OutcomeTally tally) {
        return NBA.recommend(features(f), LIKELY_TO_BUY, contacts, consent, tally);
    }

    static Recommendation.Candidate candidate(Recommendation r, String action) {
        return r.candidates().stream().filter(c -> c.action().equals(action)).findFirst().orElseThrow();
    }

    @Test
    void the_best_allowed_offer_wins_and_says_why() {
        Recommendation r = recommend(settled(), EVERYTHING, List.of(), new OutcomeTally());
        // fibre: 0.6 × 96 × 1.0 × 0.15 = 8.64 beats the phone call: 0.6 × 150 × 0.8 × 0.08 = 5.76
        assertThat(r.action()).isEqualTo("fibre-upgrade-offer");
        assertThat(r.score()).isCloseTo(8.64, Assertions.within(1e-9));
        assertThat(r.reason()).contains("propensity 0.60").contains("driven by products_held");
        assertThat(r.candidates().get(1).action()).isEqualTo("device-telemarketing");
    }

    @Test
    void without_marketing_consent_no_offer_is_made() {
        Recommendation r = recommend(settled(), (c, p) -> !p.equals("marketing"), List.of(), new OutcomeTally());
        assertThat(r.action()).isNotIn("fibre-upgrade-offer", "device-telemarketing");
        assertThat(candidate(r, "fibre-upgrade-offer").blockedBy()).contains("no consent to marketing");
    }

    @Test
    void without_personalisation_consent_no_model_is_used() {
        Recommendation r = recommend(settled(), (c, p) -> !p.equals("personalisation"), List.of(), new OutcomeTally());
        assertThat(r.candidates()).filteredOn(c -> !c.action().equals("do-nothing") && !c.action().equals("complaint-follow-up"))
                .allSatisfy(c -> assertThat(c.allowed()).isFalse());
        assertThat(candidate(r, "fibre-upgrade-offer").propensity()).isZero();
    }

    @Test
    void a_customer_active_online_is_never_telemarketed() {
        Map<String, Double> f = settled();
        f.put("online_touches_30d", 4.0);
        Recommendation r = recommend(f, EVERYTHING, List.of(), new OutcomeTally());
        assertThat(candidate(r, "device-telemarketing").blockedBy()).containsExactly("suppressed: never telemarket a customer who is active online");
        assertThat(candidate(r, "fibre-upgrade-offer").allowed()).isTrue();
    }

    @Test
    void no_offer_in_the_quiet_period_after_a_complaint_but_care_goes_on() {
        Map<String, Double> f = settled();
        f.put("days_since_complaint", 3.0);
        f.put("complaints_open", 1.0);
        Recommendation r = recommend(f, EVERYTHING, List.of(), new OutcomeTally());
        assertThat(candidate(r, "fibre-upgrade-offer").blockedBy()).anyMatch(s -> s.startsWith("quiet period"));
        assertThat(r.action()).isEqualTo("complaint-follow-up");
    }

    @Test
    void a_frequency_cap_counts_contacts_in_its_window_only() {
        List<Contact> lastWeek = List.of(new Contact(NOW.minus(Duration.ofDays(10)), "call_centre", "retention-call"));
        Recommendation r = recommend(settled(), EVERYTHING, lastWeek, new OutcomeTally());
        assertThat(candidate(r, "device-telemarketing").blockedBy()).anyMatch(s -> s.startsWith("frequency cap: 1 call_centre"));

        List<Contact> longAgo = List.of(new Contact(NOW.minus(Duration.ofDays(40)), "call_centre", "retention-call"));
        assertThat(candidate(recommend(settled(), EVERYTHING, longAgo, new OutcomeTally()), "device-telemarketing").allowed()).isTrue();
    }

    @Test
    void declined_offers_lower_their_acceptance_and_lose_to_the_next_one() {
        OutcomeTally tally = new OutcomeTally();
        for (int k = 0; k < 60; k++) tally.add("fibre-upgrade-offer", "declined");
        Recommendation r = recommend(settled(), EVERYTHING, List.of(), tally);
        assertThat(candidate(r, "fibre-upgrade-offer").acceptance()).isCloseTo(3.0 / 80, Assertions.within(1e-12));
        assertThat(r.action()).isEqualTo("device-telemarketing");
    }

    @Test
    void doing_nothing_wins_when_no_action_is_worth_it() {
        Recommendation r = NBA.recommend(features(settled()), Map.of("upsell", new NextBestAction.PropensityScore(0.01, List.of()),
                "churn", new NextBestAction.PropensityScore(0.01, List.of())), List.of(), EVERYTHING, new OutcomeTally());
        assertThat(r.action()).isEqualTo("do-nothing");
        assertThat(r.reason()).startsWith("no allowed action is worth more than doing nothing");
    }

    @Test
    void the_same_inputs_give_the_same_recommendation() {
        assertThat(recommend(settled(), EVERYTHING, List.of(), new OutcomeTally()))
                .isEqualTo(recommend(settled(), EVERYTHING, List.of(), new OutcomeTally()));
    }

    @Test
    void an_eligibility_rule_reading_a_missing_feature_names_it() {
        Map<String, Double> f = settled();
        f.remove("tenure_days");
        assertThatThrownBy(() -> recommend(f, EVERYTHING, List.of(), new OutcomeTally()))
                .hasMessageContaining("f.tenure_days");
    }

    @Test
    void a_bad_catalogue_names_the_action_and_the_field() {
        String yaml = "actions:\n  - {id: nothing, kind: nothing}\n  - {id: spam, kind: offer, purpose: marketing, eligible: 'f.x >'}\n";
        assertThatThrownBy(() -> ActionCatalogue.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x.yaml"))
                .hasMessageContaining("x.yaml, action 2 (spam), field 'eligible'");
        String purpose = "actions:\n  - {id: nothing, kind: nothing}\n  - {id: spam, kind: offer, purpose: selling}\n";
        assertThatThrownBy(() -> ActionCatalogue.parse(new ByteArrayInputStream(purpose.getBytes(StandardCharsets.UTF_8)), "x.yaml"))
                .hasMessageContaining("field 'purpose': 'selling' is not one of");
    }

    @Test
    void outcomes_other_than_the_three_are_refused() {
        assertThatThrownBy(() -> new OutcomeTally().add("x", "maybe")).hasMessageContaining("'maybe'");
        assertThat(Set.of("accepted", "declined", "ignored")).allSatisfy(o -> new OutcomeTally().add("x", o));
    }

    static ActionCatalogue shipped(String from, String to) throws Exception {
        try (var in = ActionCatalogue.class.getResourceAsStream("next-best-actions.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(yaml).contains(from);
            return ActionCatalogue.parse(new ByteArrayInputStream(yaml.replace(from, to).getBytes(StandardCharsets.UTF_8)), "x.yaml");
        }
    }

    /** Offers with the given acceptances per group, in one segment. */
    static void answers(OutcomeTally tally, String action, String segment, boolean heldOut, int accepted, int ignored) {
        for (int k = 0; k < accepted; k++) tally.add(action, segment, heldOut, "accepted");
        for (int k = 0; k < ignored; k++) tally.add(action, segment, heldOut, "ignored");
    }

    @Test
    void arbitrating_on_uplift_prefers_the_action_that_changes_behaviour_over_the_one_customers_take_anyway() throws Exception {
        NextBestAction byUplift = new NextBestAction(shipped("arbitration: propensity", "arbitration: uplift"));
        OutcomeTally tally = new OutcomeTally();
        // Fibre is accepted by 15 % offered and by 15 % held out: no effect. The phone offer: 10 % against 5 %.
        answers(tally, "fibre-upgrade-offer", "established customers", false, 300, 1700);
        answers(tally, "fibre-upgrade-offer", "established customers", true, 30, 170);
        answers(tally, "device-telemarketing", "established customers", false, 200, 1800);
        answers(tally, "device-telemarketing", "established customers", true, 10, 190);
        Recommendation r = byUplift.recommend(features(settled()), LIKELY_TO_BUY, List.of(), EVERYTHING, tally);
        assertThat(r.segment()).isEqualTo("established customers");
        assertThat(candidate(r, "fibre-upgrade-offer").uplift()).isCloseTo(0.0, Assertions.within(1e-12));
        assertThat(candidate(r, "fibre-upgrade-offer").score()).isZero();
        // 0.05 × 150 × 0.8 = 6.0
        assertThat(r.action()).isEqualTo("device-telemarketing");
        assertThat(r.score()).isCloseTo(6.0, Assertions.within(1e-9));
        assertThat(r.reason()).contains("uplift 0.050 in segment 'established customers'");
        // The same outcomes under the default arbitration: propensity × value × weight × acceptance, fibre first.
        assertThat(NBA.recommend(features(settled()), LIKELY_TO_BUY, List.of(), EVERYTHING, tally).action()).isEqualTo("fibre-upgrade-offer");
    }

    @Test
    void an_uplift_measured_on_fewer_outcomes_than_asked_leaves_the_propensity_score() throws Exception {
        NextBestAction byUplift = new NextBestAction(shipped("arbitration: propensity", "arbitration: uplift"));
        OutcomeTally tally = new OutcomeTally();
        answers(tally, "fibre-upgrade-offer", "established customers", false, 300, 1700);
        answers(tally, "fibre-upgrade-offer", "established customers", true, 30, 69);
        Recommendation r = byUplift.recommend(features(settled()), LIKELY_TO_BUY, List.of(), EVERYTHING, tally);
        assertThat(candidate(r, "fibre-upgrade-offer").uplift()).isNull();
        assertThat(candidate(r, "fibre-upgrade-offer").score()).isCloseTo(0.6 * 96 * (300 + 0.15 * 20) / 2020, Assertions.within(1e-9));
    }

    @Test
    void the_uplift_of_another_segment_is_not_used() throws Exception {
        NextBestAction byUplift = new NextBestAction(shipped("arbitration: propensity", "arbitration: uplift"));
        OutcomeTally tally = new OutcomeTally();
        answers(tally, "fibre-upgrade-offer", "new customers", false, 300, 1700);
        answers(tally, "fibre-upgrade-offer", "new customers", true, 30, 170);
        Map<String, Double> newcomer = settled();
        newcomer.put("tenure_days", 120.0);
        assertThat(candidate(byUplift.recommend(features(newcomer), LIKELY_TO_BUY, List.of(), EVERYTHING, tally), "fibre-upgrade-offer").uplift()).isNotNull();
        assertThat(candidate(byUplift.recommend(features(settled()), LIKELY_TO_BUY, List.of(), EVERYTHING, tally), "fibre-upgrade-offer").uplift()).isNull();
    }

    @Test
    void a_customer_in_the_winning_actions_hold_out_is_told_to_be_offered_nothing() {
        Holdout h = ActionCatalogue.defaults().uplift().holdout();
        String held = IntStream.range(0, 10_000).mapToObj(k -> "cu_" + k)
                .filter(c -> h.holdsOut(c, "fibre-upgrade-offer", 0.05)).findFirst().orElseThrow();
        Recommendation r = NBA.recommend(new FeatureVector(held, NOW, new TreeMap<>(settled()), new TreeMap<>(Map.of("stage", "retention"))),
                LIKELY_TO_BUY, List.of(), EVERYTHING, new OutcomeTally());
        assertThat(r.action()).isEqualTo("fibre-upgrade-offer");
        assertThat(r.heldOut()).isTrue();
        assertThat(r.reason()).startsWith("held out to measure its uplift (5 % of customers are): offer nothing");
    }

    @Test
    void services_and_doing_nothing_are_never_held_out_and_an_action_may_set_its_own_share() throws Exception {
        ActionCatalogue shipped = ActionCatalogue.defaults();
        assertThat(shipped.holdoutShare("complaint-follow-up")).isZero();
        assertThat(shipped.holdoutShare("do-nothing")).isZero();
        assertThat(shipped.holdoutShare("fibre-upgrade-offer")).isEqualTo(0.05);
        assertThat(shipped("    expected_acceptance: 0.15\n", "    expected_acceptance: 0.15\n    holdout: 0.2\n").holdoutShare("fibre-upgrade-offer")).isEqualTo(0.2);
        assertThat(shipped("  holdout: 0.05", "  holdout: 0.1").holdoutShare("retention-call")).isEqualTo(0.1);
    }

    @Test
    void a_bad_uplift_setting_names_the_field_and_the_reason() {
        assertThatThrownBy(() -> shipped("  holdout: 0.05", "  holdout: 5")).hasMessageContaining("x.yaml, uplift.holdout: 5.0 is not a share between 0 and 0.5");
        assertThatThrownBy(() -> shipped("arbitration: propensity", "arbitration: profit")).hasMessageContaining("uplift.arbitration: 'profit' is not one of propensity, uplift");
        assertThatThrownBy(() -> shipped("f.tenure_days < 365.0", "f.tenure < ")).hasMessageContaining("uplift.segments[1], field 'when'");
    }

    @Test
    void held_out_answers_measure_uplift_but_are_no_acceptance_of_the_offer() {
        OutcomeTally tally = new OutcomeTally();
        answers(tally, "fibre-upgrade-offer", "new customers", false, 20, 80);
        answers(tally, "fibre-upgrade-offer", "new customers", true, 9, 1);
        answers(tally, "fibre-upgrade-offer", "established customers", false, 10, 90);
        assertThat(tally.counts("fibre-upgrade-offer").accepted()).isEqualTo(30);
        assertThat(tally.uplift("fibre-upgrade-offer", "new customers").uplift()).isCloseTo(0.2 - 0.9, Assertions.within(1e-12));
        assertThat(tally.uplifts()).extracting(Uplift::segment).containsExactly("established customers", "new customers", OutcomeTally.ALL_SEGMENTS);
        assertThat(tally.uplift("fibre-upgrade-offer", OutcomeTally.ALL_SEGMENTS).offered()).isEqualTo(200);
    }
}
