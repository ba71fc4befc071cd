package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.SourceFile;
import org.touchline.domain.Progress;
import org.touchline.node.command.CustomerEvents;
import org.touchline.node.Intelligence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Intelligence over HTTP on the demo company: models with their evaluations, scores with drivers, next best actions, sentiment. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntelligenceApiTest {
    static ServerFixture f;
    static final List<String> customers = new ArrayList<>();
    static String regular;

    @BeforeAll
    static void demoCompany() throws Exception {
        Path dir = Files.createTempDirectory("touchline-intelligence-api");
        f = new ServerFixture(dir.resolve("node"));
        for (SourceFile s : new DemoCompany(new DemoSize(500, 30_000, 18), 3).generate(dir.resolve("sources"), Progress.NONE))
            f.node.ingestion().file(s.mapping(), s.data(), Progress.NONE);
        f.node.projections().loadCustomers(c -> f.node.customers().current(c.id()).filter(x -> x.equals(c.id())).ifPresent(customers::add));
        List<CustomerEvents.ConsentChange> yes = new ArrayList<>();
        for (String c : customers)
            for (String p : List.of("personalisation", "marketing", "model_training"))
                yes.add(new CustomerEvents.ConsentChange(c, p, "granted", "web", "sign-up form"));
        f.node.customerEvents().consents(yes);
        regular = customers.stream().filter(c -> f.node.intelligence().history(c).size() > 30).findFirst().orElseThrow();
    }

    @AfterAll
    static void close() throws Exception { f.close(); }

    @Test
    @Order(1)
    void before_training_the_models_say_how_to_train_one() {
        JsonNode models = f.okJson("/v1/models");
        assertThat(models.path("models").get(0).path("note").asText()).contains("touchline intelligence train churn");
        assertThat(f.okJson("/v1/customers/" + regular + "/propensities").path("scores").size()).isZero();
    }

    @Test
    @Order(2)
    void a_model_trained_over_http_is_versioned_and_evaluated_by_customer_and_by_time() {
        var r = f.post("/v1/models/upsell/train?from=2025-08-01&to=2026-11-01", "", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode m = f.okJson("/v1/models/upsell");
        assertThat(m.path("versions").get(0).asInt()).isEqualTo(1);
        JsonNode latest = m.path("latest");
        assertThat(latest.at("/byCustomer/auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(latest.at("/byTime/roc").size()).isPositive();
        assertThat(latest.at("/byTime/calibration").size()).isPositive();
        assertThat(latest.at("/card/hyperParameters").isObject()).isTrue();
        assertThat(latest.at("/card/trainingWindow/from").asText()).startsWith("2025-");
    }

    @Test
    @Order(3)
    void a_trained_model_reports_its_drift_and_calibration_on_recent_data() {
        JsonNode m = f.okJson("/v1/models/upsell/monitoring?at=2026-11-01");
        assertThat(m.path("model").asText()).isEqualTo("upsell@1");
        assertThat(m.path("customers").asInt()).isPositive();
        assertThat(m.path("drift").get(0).path("psi").isNumber()).isTrue();
        assertThat(m.path("drift").get(0).path("reading").asText()).isIn("stable", "watch", "shifted");
        assertThat(m.path("retrain").isArray()).isTrue();
        assertThat(f.get("/v1/models/churn/monitoring").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void a_score_carries_its_drivers_and_model_version() {
        JsonNode p = f.okJson("/v1/customers/" + regular + "/propensities");
        JsonNode upsell = p.at("/scores/upsell");
        assertThat(upsell.path("probability").asDouble()).isBetween(0.0, 1.0);
        assertThat(upsell.path("model").asText()).isEqualTo("upsell@1");
        assertThat(upsell.path("drivers").size()).isPositive();
        assertThat(f.okJson("/v1/customers/" + regular + "/features").path("numeric").has("tenure_days")).isTrue();
    }

    @Test
    @Order(4)
    void the_next_best_action_is_explained_and_an_outcome_is_recorded_against_it() {
        JsonNode r = f.okJson("/v1/customers/" + regular + "/next-best-action");
        assertThat(r.path("candidates").size()).isGreaterThan(3);
        assertThat(r.path("reason").asText()).isNotBlank();
        assertThat(r.path("at").asText()).contains("T");
        var recorded = f.postJson("/v1/customers/" + regular + "/next-best-action", "{}");
        if (recorded.statusCode() == 201) {
            long entry = ServerFixture.json(recorded).path("entry").asLong();
            var outcome = f.postJson("/v1/recommendations/" + entry + "/outcome", "{\"outcome\": \"accepted\", \"channel\": \"call_centre\"}");
            assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(201);
            var bad = f.postJson("/v1/recommendations/" + entry + "/outcome", "{\"outcome\": \"maybe\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("'maybe'");
        } else {
            assertThat(recorded.statusCode()).isEqualTo(409);
            assertThat(recorded.body()).contains("do nothing");
        }
    }

    @Test
    @Order(1)
    void the_uplift_of_recorded_outcomes_is_read_per_action_and_segment_and_an_empty_group_has_no_rate() {
        var catalogue = f.node.intelligence().catalogue();
        Instant at = Instant.parse("2026-09-01T00:00:00Z");
        // Customers all offered the phone (none held out of it): no uplift to measure yet, and the answer says so with nulls.
        List<Intelligence.SentOffer> sent = customers.stream().filter(c -> !catalogue.heldOut(c, "device-telemarketing")).limit(4)
                .map(c -> new Intelligence.SentOffer(c, "device-telemarketing", at)).toList();
        f.node.intelligence().recordOffers(sent, o -> new Intelligence.Answer("accepted", at.plusSeconds(3600)), "campaigns", Progress.NONE);
        JsonNode u = f.okJson("/v1/next-best-actions/uplift");
        assertThat(u.path("arbitration").asText()).isEqualTo("propensity");
        assertThat(u.path("minOutcomes").asLong()).isEqualTo(100);
        long offered = 0;
        for (JsonNode r : u.path("uplift")) {
            if (!r.path("action").asText().equals("device-telemarketing")) continue;
            if (!r.path("segment").asText().equals("all segments")) offered += r.path("offered").asLong();
            assertThat(r.path("heldOut").asLong()).isZero();
            assertThat(r.path("offeredRate").asDouble()).isEqualTo(1.0);
            assertThat(r.path("heldOutRate").isNull()).isTrue();
            assertThat(r.path("uplift").isNull()).isTrue();
            assertThat(r.path("measured").asBoolean()).isFalse();
            assertThat(r.path("holdoutShare").asDouble()).isEqualTo(0.05);
        }
        assertThat(offered).isEqualTo(4);
    }

    @Test
    @Order(6)
    void sentiment_reads_negation_and_shows_beside_the_timeline() {
        JsonNode s = ServerFixture.json(f.postJson("/v1/sentiment", "{\"text\": \"I am not happy, the engineer never came\"}"));
        assertThat(s.path("label").asText()).isEqualTo("NEGATIVE");
        JsonNode ok = ServerFixture.json(f.postJson("/v1/sentiment", "{\"text\": \"No problems at all, thanks\"}"));
        assertThat(ok.path("label").asText()).isNotEqualTo("NEGATIVE");
        JsonNode timeline = f.okJson("/v1/customers/" + regular + "/timeline?limit=200");
        boolean any = false;
        for (JsonNode i : timeline.path("items")) {
            if (!i.has("sentiment")) continue;
            any = true;
            JsonNode sentiment = i.path("sentiment");
            assertThat(sentiment.path("label").asText()).isIn("negative", "neutral", "positive");
            assertThat(sentiment.path("score").asDouble()).isBetween(-1.0, 1.0);
            assertThat(sentiment.path("drivers").isArray()).isTrue();
            assertThat(sentiment.path("analyzer").asText()).isEqualTo(f.node.intelligence().sentiment().name());
        }
        assertThat(any).isTrue();
    }

    @Test
    @Order(9)
    void without_personalisation_consent_features_are_forbidden_and_no_model_scores_the_customer() {
        f.node.customerEvents().consent(regular, "personalisation", "withdrawn", "portal", "no thanks");
        var features = f.get("/v1/customers/" + regular + "/features");
        assertThat(features.statusCode()).isEqualTo(403);
        assertThat(features.body()).contains("has not consented to personalisation");
        JsonNode p = f.okJson("/v1/customers/" + regular + "/propensities");
        assertThat(p.path("scores").size()).isZero();
        assertThat(p.path("note").asText()).contains("does not allow personalisation");
    }
}
