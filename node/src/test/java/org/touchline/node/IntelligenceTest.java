package org.touchline.node;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.OfferResponses;
import org.touchline.demo.SourceFile;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Progress;
import org.touchline.intelligence.features.HistoryItem;
import org.touchline.intelligence.nba.Recommendation;
import org.touchline.intelligence.nba.Uplift;
import org.touchline.intelligence.propensity.Algorithm;
import org.touchline.intelligence.propensity.DriftReference;
import org.touchline.intelligence.propensity.Example;
import org.touchline.intelligence.sentiment.SentimentReading;
import org.touchline.node.command.CustomerEvents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Customer intelligence on the demo company: history and features from the ledger, models trained and evaluated honestly, next best
 * actions recorded with outcomes; and the promise of purpose-bound data: withdrawing consent removes a customer from the next
 * training set, campaign and next-best-action run, and no model scores them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntelligenceTest {
    static final Instant FROM = Instant.parse("2025-08-01T00:00:00Z"), TO = Instant.parse("2026-11-01T00:00:00Z"),
            NOW = Instant.parse("2026-10-15T12:00:00Z");
    static final List<String> PURPOSES = List.of("analytics", "personalisation", "marketing", "model_training");
    static Path dir;
    static NodeFixture f;
    static final List<String> customers = new ArrayList<>();

    @BeforeAll
    static void demoCompany() throws Exception {
        dir = Files.createTempDirectory("touchline-intelligence");
        f = new NodeFixture(dir.resolve("node"));
        for (SourceFile s : new DemoCompany(new DemoSize(700, 40_000, 18), 11).generate(dir.resolve("sources"), Progress.NONE))
            f.node.ingestion().file(s.mapping(), s.data(), Progress.NONE);
        f.node.projections().loadCustomers(c -> f.node.customers().current(c.id()).filter(x -> x.equals(c.id())).ifPresent(customers::add));
        List<CustomerEvents.ConsentChange> yes = new ArrayList<>();
        for (String c : customers) for (String p : PURPOSES) yes.add(new CustomerEvents.ConsentChange(c, p, "granted", "web", "sign-up form"));
        f.node.customerEvents().consents(yes);
    }

    @AfterAll
    static void close() throws Exception { f.close(); }

    /** A customer with a long history who is in the upsell training set. */
    static String regular() {
        return customers.stream().filter(c -> f.node.intelligence().history(c).size() > 30).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void a_history_carries_stages_and_the_sentiment_of_messages() {
        List<HistoryItem> h = f.node.intelligence().history(regular());
        assertThat(h).isSortedAccordingTo(Comparator.comparing(HistoryItem::at));
        assertThat(h).allSatisfy(i -> assertThat(i.stage()).isNotNull());
        assertThat(h).anySatisfy(i -> assertThat(i.sentiment()).isNotNull());
    }

    @Test
    @Order(1)
    void a_timeline_page_carries_the_sentiment_of_each_message_with_the_analyzer_that_read_it() {
        Customers.TimelinePage page = f.node.customers().timeline(regular(), null, 200);
        Map<Long, SentimentReading> read = f.node.intelligence().sentimentOf(page);
        assertThat(read).isNotEmpty();
        for (Customers.TimelineItem item : page.items()) {
            String text = item.interaction() == null ? null : item.interaction().text();
            if (text == null || text.isBlank()) assertThat(read).doesNotContainKey(item.index());
            else assertThat(read.get(item.index())).isEqualTo(f.node.intelligence().sentiment().read(text));
        }
        assertThat(read.values()).allSatisfy(r -> assertThat(r.analyzer()).isEqualTo(f.node.intelligence().sentiment().name()));
    }

    @Test
    @Order(2)
    void models_train_on_the_ledger_and_are_evaluated_by_customer_and_by_time() throws Exception {
        var churn = f.node.intelligence().train("churn", Algorithm.LOGISTIC, FROM, TO, Progress.NONE);
        assertThat(churn.card().model().version()).isEqualTo(1);
        assertThat(churn.byCustomer().auc()).isBetween(0.0, 1.0);
        assertThat(churn.byTime().count()).isPositive();
        assertThat(churn.timeCutoff()).isAfter(FROM).isBefore(TO);
        var upsell = f.node.intelligence().train("upsell", Algorithm.LOGISTIC, FROM, TO, Progress.NONE);
        assertThat(upsell.positives()).isPositive();
        assertThat(f.node.intelligence().evaluationOf(upsell.card().model())).hasValueSatisfying(json -> assertThat(json).contains("\"byTime\""));
        var scores = f.node.intelligence().propensities(regular(), NOW);
        assertThat(scores).containsKeys("churn", "upsell");
        assertThat(scores.get("upsell").top()).isNotEmpty();
    }

    @Test
    @Order(3)
    void a_recommendation_is_explained_recorded_and_its_outcome_feeds_back() {
        String c = regular();
        Recommendation r = f.node.intelligence().recommend(c, NOW);
        assertThat(r.candidates()).hasSize(f.node.intelligence().catalogue().actions().size());
        assertThat(r.reason()).isNotBlank();
        Recommendation offer = new Recommendation(c, NOW, "fibre-upgrade-offer", "email", "marketing", 1.0, "test", r.candidates(), r.segment(), false);
        long entry = f.node.intelligence().record(offer, "agent-7");
        long outcome = f.node.intelligence().outcome(entry, "declined", "email");
        assertThat(outcome).isGreaterThan(entry);
        assertThat(f.node.intelligence().tally().counts("fibre-upgrade-offer").declined()).isEqualTo(1);
        assertThatThrownBy(() -> f.node.intelligence().outcome(entry, "accepted", "email")).hasMessageContaining("already has its outcome");
        // The recorded offer is a contact: a second email this week is within the cap, a third is not.
        f.node.intelligence().record(offer, "agent-7");
        Recommendation after = f.node.intelligence().recommend(c, Instant.now());
        assertThat(after.candidates()).filteredOn(x -> x.action().equals("fibre-upgrade-offer"))
                .allSatisfy(x -> assertThat(x.blockedBy()).anyMatch(b -> b.startsWith("frequency cap")));
    }

    /**
     * The demo's monthly campaign, with its planted uplift per action and segment, recorded through the node's hold-out:
     * the uplift measured from the outcomes holds the planted one inside its 95 % interval, for every action and
     * segment (seeded: the same demo, the same answers), and tells the segments of the fibre offer apart.
     */
    @Test
    @Order(4)
    void the_uplift_measured_against_the_hold_out_recovers_the_uplift_the_demo_planted() {
        Intelligence i = f.node.intelligence();
        List<Intelligence.SentOffer> sent = OfferResponses.campaigns(customers, NOW, 12, 11).stream()
                .map(s -> new Intelligence.SentOffer(s.customer(), s.action(), s.at())).toList();
        int recorded = i.recordOffers(sent, p -> new Intelligence.Answer(OfferResponses.answer(
                new OfferResponses.Sent(p.sent().customer(), p.sent().action(), p.sent().at()), p.segment(), p.heldOut(), 11),
                p.sent().at().plus(OfferResponses.ANSWER_AFTER)), "campaigns", Progress.NONE);
        assertThat(recorded).isEqualTo(sent.size());
        List<Uplift> measured = i.uplift();
        for (OfferResponses.Planted p : OfferResponses.PLANTED) {
            Uplift u = measured.stream().filter(x -> x.action().equals(p.action()) && x.segment().equals(p.segment())).findFirst().orElseThrow();
            assertThat(u.heldOut()).as("%s held out in %s", p.action(), p.segment()).isBetween((long) (0.03 * (u.offered() + u.heldOut())), (long) (0.07 * (u.offered() + u.heldOut())));
            assertThat(p.uplift()).as("planted uplift of %s in %s, measured %s", p.action(), p.segment(), u).isBetween(u.low(), u.high());
        }
        Uplift fibreNew = i.tally().uplift("fibre-upgrade-offer", OfferResponses.NEW), fibreOld = i.tally().uplift("fibre-upgrade-offer", OfferResponses.ESTABLISHED);
        assertThat(fibreNew.low()).as("fibre to new customers: %s", fibreNew).isGreaterThan(0);
        assertThat(fibreNew.low()).as("fibre to new against established customers").isGreaterThan(fibreOld.uplift());
    }

    @Test
    @Order(5)
    void an_outcome_carries_the_segment_and_hold_out_of_its_recommendation() {
        Intelligence i = f.node.intelligence();
        String c = regular();
        Recommendation r = i.recommend(c, NOW);
        Recommendation offer = new Recommendation(c, NOW, "retention-call", "call_centre", "personalisation", 1.0, "test", r.candidates(), r.segment(), false);
        long entry = i.record(offer, "agent-7");
        i.outcome(entry, "accepted", "call_centre");
        var out = f.node.projections().eventsAbout(entry, EventEntry.OUTCOME).get(0).event();
        assertThat(out.field("segment")).isEqualTo(r.segment());
        assertThat(out.field("holdout")).isEqualTo(Boolean.toString(i.catalogue().heldOut(c, "retention-call")));
    }

    @Test
    @Order(6)
    void an_offer_that_cannot_be_recorded_is_refused_with_its_number_and_field_before_anything_is_written() {
        Intelligence i = f.node.intelligence();
        long size = f.node.ledger().size();
        String c = regular();
        var good = new Intelligence.SentOffer(c, "fibre-upgrade-offer", NOW);
        assertThatThrownBy(() -> i.recordOffers(List.of(good, new Intelligence.SentOffer(c, "free-pony", NOW)), p -> new Intelligence.Answer("ignored", NOW), "campaigns", Progress.NONE))
                .hasMessageContaining("offer 2 (customer " + c + ", action free-pony): field 'action': not in the catalogue");
        assertThatThrownBy(() -> i.recordOffers(List.of(new Intelligence.SentOffer(c, "fibre-upgrade-offer", Instant.parse("2199-01-01T00:00:00Z"))),
                p -> new Intelligence.Answer("ignored", NOW), "campaigns", Progress.NONE)).hasMessageContaining("offer 1").hasMessageContaining("field 'at'");
        assertThatThrownBy(() -> i.recordOffers(List.of(good), p -> new Intelligence.Answer("maybe", NOW.plusSeconds(60)), "campaigns", Progress.NONE))
                .hasMessageContaining("'maybe'");
        assertThat(f.node.ledger().size()).isEqualTo(size);
    }

    @Test
    @Order(9)
    void withdrawing_consent_removes_the_customer_from_the_next_training_set_campaign_and_next_best_action_run() {
        Intelligence i = f.node.intelligence();
        String x = regular();
        assertThat(groups(i.trainingSet("upsell", FROM, TO, Duration.ofDays(30), Progress.NONE))).contains(x);
        assertThat(f.node.campaigns().audience("spring-offer", NOW)).contains(x);
        assertThat(i.run(NOW, Progress.NONE)).extracting(Recommendation::customer).contains(x);

        for (String p : List.of("model_training", "marketing", "personalisation"))
            f.node.customerEvents().consent(x, p, "withdrawn", "portal", "no longer");

        assertThat(groups(i.trainingSet("upsell", FROM, TO, Duration.ofDays(30), Progress.NONE))).doesNotContain(x).isNotEmpty();
        assertThat(f.node.campaigns().audience("spring-offer", NOW)).doesNotContain(x).isNotEmpty();
        assertThat(i.run(NOW, Progress.NONE)).extracting(Recommendation::customer).doesNotContain(x).isNotEmpty();
        assertThat(i.propensities(x, NOW)).isEmpty();
        assertThatThrownBy(() -> i.features(x, NOW)).isInstanceOf(Intelligence.ConsentRequired.class);
        // Asked directly (an agent on the phone), only service actions that need no model remain.
        Recommendation r = i.recommend(x, NOW);
        assertThat(r.candidates()).filteredOn(Recommendation.Candidate::allowed).allSatisfy(c ->
                assertThat(c.purpose()).isEqualTo("service"));
    }

    static Set<String> groups(List<Example> examples) {
        return examples.stream().map(Example::group).collect(Collectors.toSet());
    }

    @Test
    @Order(20)
    void a_shelved_model_is_checked_on_recent_data_for_drift_and_calibration() throws Exception {
        var m = f.node.intelligence().monitoring("churn", TO);

        assertThat(m.customers()).isPositive();
        assertThat(m.drift()).extracting(DriftReference.FeatureDrift::feature)
                .contains("tenure_days", "complaints_open", "stage");
        assertThat(m.recent()).isNotNull();
        assertThat(m.aucAtTraining()).isNotNull();
    }

    @Test
    @Order(21)
    void a_population_unlike_the_training_data_asks_for_retraining() throws Exception {
        // A year before the end of training the customers were newer than those the model learned from.
        var m = f.node.intelligence().monitoring("churn", FROM);

        assertThat(m.drift().get(0).reading()).isEqualTo("shifted");
        assertThat(m.retrain()).anySatisfy(r -> assertThat(r).contains("has shifted since training"));
    }
}
