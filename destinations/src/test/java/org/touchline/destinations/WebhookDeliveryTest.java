package org.touchline.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.domain.InteractionJson;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook destinations against a real receiver on loopback that fails, stalls and recovers. */
class WebhookDeliveryTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    @TempDir Path dir;

    private static Destinations.NewSubscription webhook(Receiver r, String purpose, String... kinds) {
        return new Destinations.NewSubscription("crm sync", r.url(), null, List.of(kinds), purpose, 0L);
    }

    private static Set<Long> indexes(Receiver r) {
        return r.takenById().values().stream().map(c -> Long.parseLong(c.id().substring(0, c.id().indexOf('-')))).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everySubscribedEntryArrivesSignedPerStandardWebhooks() throws Exception {
        try (Fixture f = new Fixture(dir); Receiver r = new Receiver()) {
            long a = f.interaction("ann@example.com"), b = f.interaction("bob@example.com");
            long consent = f.consent("ann@example.com", "marketing", "granted");
            var made = f.destinations.create(webhook(r, "service", "interactions", "consent_changes"));
            r.secret(made.secret());
            f.destinations.start();
            Fixture.await("three events", WITHIN, () -> r.takenById().size() == 3);
            assertThat(indexes(r)).containsExactly(a, b, consent);
            for (Receiver.Call c : r.taken()) {
                assertThat(c.signatureValid()).as("signature of %s", c.id()).isTrue();
                // The reference library's verification accepts it too.
                new Webhook(made.secret()).verify(c.body(), Map.of("webhook-id", List.of(c.id()), "webhook-timestamp", List.of(c.timestamp()),
                        "webhook-signature", List.of(c.signature())));
            }
            JsonNode consentEvent = InteractionJson.MAPPER.readTree(r.takenById().values().stream().filter(c -> c.id().startsWith(consent + "-")).findFirst().orElseThrow().body());
            assertThat(consentEvent.path("type").asText()).isEqualTo("consent");
            assertThat(consentEvent.path("data").path("customer").asText()).isEqualTo(f.customer("ann@example.com"));
            assertThat(consentEvent.path("data").path("entry").path("fields").path("purpose").asText()).isEqualTo("marketing");
            Fixture.await("counted", WITHIN, () -> f.destinations.status(made.status().id()).delivered() == 3);
        }
    }

    @Test
    void entriesOfKindsNotSubscribedAreNotSent() throws Exception {
        try (Fixture f = new Fixture(dir); Receiver r = new Receiver()) {
            f.interaction("ann@example.com");
            long consent = f.consent("ann@example.com", "analytics", "granted");
            var made = f.destinations.create(webhook(r, "service", "consent_changes"));
            r.secret(made.secret());
            f.destinations.start();
            Fixture.await("the consent", WITHIN, () -> r.takenById().size() == 1);
            Thread.sleep(300);
            assertThat(indexes(r)).containsExactly(consent);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aReceiverThatFailsAndStallsLosesNothingAndSeesDuplicatesOnlyUnderTheSameId(long seed) throws Exception {
        try (Fixture f = new Fixture(dir); Receiver r = new Receiver()) {
            Set<Long> appended = new TreeSet<>();
            for (int k = 0; k < 40; k++) appended.add(f.interaction("c" + (k % 7) + "@example.com"));
            var made = f.destinations.create(webhook(r, "service", "interactions"));
            r.secret(made.secret());
            // A failure in four, now and then no answer within the sender's timeout, then it recovers.
            Receiver.Behaviour flaky = Receiver.failing(0.25, seed);
            r.behave(call -> call > 120 ? Receiver.Answer.TAKE : call % 17 == 0 ? Receiver.Answer.STALL : flaky.answer(call));
            f.destinations.start();
            for (int k = 0; k < 20; k++) appended.add(f.interaction("d" + (k % 5) + "@example.com"));
            Fixture.await("every interaction", WITHIN, () -> indexes(r).size() == appended.size());
            assertThat(indexes(r)).isEqualTo(appended);
            // Every call of one id carried the same body: a duplicate is the same event, never another.
            Map<String, Set<String>> bodies = r.calls().stream().collect(Collectors.groupingBy(Receiver.Call::id, Collectors.mapping(Receiver.Call::body, Collectors.toSet())));
            assertThat(bodies.values()).allSatisfy(b -> assertThat(b).hasSize(1));
            assertThat(r.calls()).allSatisfy(c -> assertThat(c.signatureValid()).isTrue());
            Fixture.await("counted", WITHIN, () -> f.destinations.status(made.status().id()).delivered() == appended.size());
            var status = f.destinations.status(made.status().id());
            assertThat(status.failed()).isPositive();
            assertThat(status.pending()).isZero();
            assertThat(status.dead()).isZero();
        }
    }

    @Test
    void aWithdrawnMarketingConsentStopsMarketingDeliveriesButNotService() throws Exception {
        try (Fixture f = new Fixture(dir); Receiver marketing = new Receiver(); Receiver service = new Receiver()) {
            long ann1 = f.interaction("ann@example.com"), bob1 = f.interaction("bob@example.com");
            f.consent("ann@example.com", "marketing", "granted");
            f.consent("bob@example.com", "marketing", "granted");
            f.consent("bob@example.com", "marketing", "withdrawn");
            long ann2 = f.interaction("ann@example.com"), bob2 = f.interaction("bob@example.com");
            var m = f.destinations.create(webhook(marketing, "marketing", "interactions"));
            var s = f.destinations.create(webhook(service, "service", "interactions"));
            marketing.secret(m.secret());
            service.secret(s.secret());
            f.destinations.start();
            Fixture.await("service gets all four", WITHIN, () -> indexes(service).size() == 4);
            Fixture.await("marketing settles", WITHIN, () -> {
                var st = f.destinations.status(m.status().id());
                return st.delivered() + st.skipped() == 4;
            });
            // Checked at delivery: Bob's consent is withdrawn now, so none of his entries go, even those recorded while he had granted it.
            assertThat(indexes(marketing)).containsExactly(ann1, ann2);
            assertThat(indexes(service)).containsExactly(ann1, bob1, ann2, bob2);
            assertThat(f.destinations.status(m.status().id()).skipped()).isEqualTo(2);
            assertThat(f.destinations.status(m.status().id()).dead()).isZero();
        }
    }

    @Test
    void aConsentWithdrawnWhileAnEntryWaitsForItsRetryStopsIt() throws Exception {
        try (Fixture f = new Fixture(dir); Receiver r = new Receiver()) {
            f.interaction("ann@example.com");
            f.consent("ann@example.com", "marketing", "granted");
            long second = f.interaction("ann@example.com");
            var m = f.destinations.create(new Destinations.NewSubscription("ads", r.url(), null, List.of("interactions"), "marketing", second));
            r.secret(m.secret());
            r.behave(call -> Receiver.Answer.FAIL);
            f.destinations.start();
            Fixture.await("a failed attempt", WITHIN, () -> f.destinations.status(m.status().id()).failed() >= 1);
            f.consent("ann@example.com", "marketing", "withdrawn");
            r.behave(call -> Receiver.Answer.TAKE);
            Fixture.await("skipped", WITHIN, () -> f.destinations.status(m.status().id()).skipped() == 1);
            assertThat(r.taken()).isEmpty();
        }
    }

    @Test
    void anErasedCustomersEntriesAreNeverDelivered() throws Exception {
        try (Fixture f = new Fixture(dir); Receiver r = new Receiver()) {
            f.interaction("ann@example.com");
            long bob = f.interaction("bob@example.com");
            f.node.customerEvents().erase(f.customer("ann@example.com"), "dpo");
            var made = f.destinations.create(webhook(r, "service", "interactions"));
            r.secret(made.secret());
            f.destinations.start();
            Fixture.await("settled", WITHIN, () -> {
                var st = f.destinations.status(made.status().id());
                return st.delivered() + st.skipped() == 2;
            });
            assertThat(indexes(r)).containsExactly(bob);
            assertThat(r.calls()).noneMatch(c -> c.body().contains("ann@example.com"));
        }
    }

    @Test
    void aRestartResumesFromTheCursorWithNothingMissed() throws Exception {
        Set<Long> appended = new TreeSet<>();
        String id;
        try (Receiver r = new Receiver()) {
            try (Fixture f = new Fixture(dir)) {
                for (int k = 0; k < 10; k++) appended.add(f.interaction("c" + k + "@example.com"));
                var made = f.destinations.create(webhook(r, "service", "interactions"));
                id = made.status().id();
                r.secret(made.secret());
                f.destinations.start();
                Fixture.await("the first ten", WITHIN, () -> indexes(r).size() == 10);
            }
            try (Fixture f = new Fixture(dir)) {
                // Appended while no delivery ran.
                for (int k = 0; k < 10; k++) appended.add(f.interaction("d" + k + "@example.com"));
                f.destinations.start();
                Fixture.await("all twenty", WITHIN, () -> indexes(r).size() == 20, () -> f.destinations.status(id) + " " + indexes(r) + " " + r.calls().size());
                assertThat(indexes(r)).isEqualTo(appended);
                assertThat(f.destinations.status(id).cursor()).isEqualTo(f.node.ledger().size());
                Fixture.await("counted", WITHIN, () -> f.destinations.status(id).delivered() == 20);
            }
        }
    }

    @Test
    void afterItsLastAttemptADeliveryIsDeadUntilReplayed() throws Exception {
        Destinations.Settings twoTries = Fixture.QUICK.retrying(Duration.ofMillis(10), Duration.ofMillis(20), 2, Duration.ofMinutes(5));
        try (Fixture f = new Fixture(dir, twoTries); Receiver r = new Receiver()) {
            long a = f.interaction("ann@example.com"), b = f.interaction("bob@example.com");
            var made = f.destinations.create(webhook(r, "service", "interactions"));
            String id = made.status().id();
            r.secret(made.secret());
            r.behave(call -> Receiver.Answer.FAIL);
            f.destinations.start();
            Fixture.await("both dead", WITHIN, () -> f.destinations.status(id).dead() == 2);
            assertThat(f.destinations.dead(id, -1, 10)).extracting(d -> d.index()).containsExactly(a, b);
            assertThat(f.destinations.dead(id, -1, 10).get(0).lastError()).contains("500");
            assertThat(r.calls()).hasSize(4);
            r.behave(call -> Receiver.Answer.TAKE);
            assertThat(f.destinations.replayDead(id)).isEqualTo(2);
            Fixture.await("replayed", WITHIN, () -> indexes(r).size() == 2);
            Fixture.await("counted", WITHIN, () -> f.destinations.status(id).delivered() == 2 && f.destinations.status(id).dead() == 0);
        }
    }

    @Test
    void aReplayFromAnIndexSendsTheSameEventsAgainWithTheSameIds() throws Exception {
        try (Fixture f = new Fixture(dir); Receiver r = new Receiver()) {
            f.interaction("ann@example.com");
            long b = f.interaction("bob@example.com"), c = f.interaction("cid@example.com");
            var made = f.destinations.create(webhook(r, "service", "interactions"));
            String id = made.status().id();
            r.secret(made.secret());
            f.destinations.start();
            Fixture.await("three", WITHIN, () -> r.taken().size() == 3);
            Set<String> first = new HashSet<>(r.takenById().keySet());
            f.destinations.replayFrom(id, b);
            Fixture.await("two again", WITHIN, () -> r.taken().size() == 5);
            assertThat(r.taken().subList(3, 5)).extracting(Receiver.Call::id).allMatch(first::contains)
                    .extracting(x -> Long.parseLong(x.substring(0, x.indexOf('-')))).containsExactlyInAnyOrder(b, c);
        }
    }

    @Test
    void aPausedSubscriptionSendsNothingUntilResumed() throws Exception {
        try (Fixture f = new Fixture(dir); Receiver r = new Receiver()) {
            var made = f.destinations.create(webhook(r, "service", "interactions"));
            String id = made.status().id();
            r.secret(made.secret());
            f.destinations.pause(id);
            f.destinations.start();
            f.interaction("ann@example.com");
            Thread.sleep(400);
            assertThat(r.calls()).isEmpty();
            assertThat(f.destinations.status(id).behind()).isEqualTo(1);
            f.destinations.resume(id);
            Fixture.await("after the resume", WITHIN, () -> r.taken().size() == 1);
        }
    }

    @Test
    void aBadSubscriptionIsRefusedNamingTheField() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            assertThatThrownBy(() -> f.destinations.create(new Destinations.NewSubscription("x", "ftp://h/x", null, List.of("interactions"), "service", null)))
                    .hasMessageStartingWith("url:");
            assertThatThrownBy(() -> f.destinations.create(new Destinations.NewSubscription("x", "https://h/x", null, List.of("ratings"), "service", null)))
                    .hasMessageStartingWith("kinds: 'ratings'");
            assertThatThrownBy(() -> f.destinations.create(new Destinations.NewSubscription("x", "https://h/x", null, List.of("interactions"), "ads", null)))
                    .hasMessageStartingWith("purpose: 'ads'");
            assertThatThrownBy(() -> f.destinations.create(new Destinations.NewSubscription("x", "https://h/x", "t@h:1", List.of("interactions"), "service", null)))
                    .hasMessageStartingWith("url or kafka");
            assertThatThrownBy(() -> f.destinations.create(new Destinations.NewSubscription("x", null, "no topic", List.of("interactions"), "service", null)))
                    .hasMessageContaining("TOPIC@HOST:PORT");
            assertThat(f.destinations.list()).isEmpty();
        }
    }
}
