package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Progress;
import org.touchline.node.command.CustomerEvents;
import org.touchline.node.command.Write;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;

/** Ratings and consents are entries; one purpose check gates every use of data. */
class ConsentAndRatingTest {
    @TempDir Path dir;

    private static String ann(NodeFixture f) {
        f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@example.com")));
        return f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
    }

    @Test
    void aWithdrawnConsentNoLongerAllowsThePurposeAndTheHistoryKeepsBoth() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            CustomerEvents events = f.node.customerEvents();
            Consents consents = f.node.consents();
            assertThat(consents.allows(ann, "marketing")).as("never asked").isFalse();
            assertThat(consents.allows(ann, "service")).as("answering the customer needs no consent").isTrue();
            events.consent(ann, "marketing", "granted", "web", "newsletter sign-up");
            assertThat(consents.allows(ann, "marketing")).isTrue();
            events.consent(ann, "marketing", "withdrawn", "call_centre", "asked on the phone");
            assertThat(consents.allows(ann, "marketing")).isFalse();
            assertThat(consents.consentHistory(ann)).extracting(r -> r.event().field("state")).containsExactly("granted", "withdrawn");
            assertThat(consents.consents(ann).get("marketing").event().field("channel")).isEqualTo("call_centre");
        }
    }

    @Test
    void withdrawingConsentTakesTheCustomerOutOfTheNextAudienceForThatPurpose() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            f.append(interaction("crm", "2", "2026-01-02T00:00:00Z", "email", email("bob@example.com")));
            String bob = f.node.customers().findByIdentifier(email("bob@example.com")).orElseThrow();
            CustomerEvents events = f.node.customerEvents();
            for (String c : new String[]{ann, bob}) {
                events.consent(c, "model_training", "granted", "app", null);
                events.consent(c, "marketing", "granted", "app", null);
            }
            assertThat(f.node.audience("model_training")).containsExactlyInAnyOrder(ann, bob);
            events.consent(ann, "model_training", "withdrawn", "portal", null);
            assertThat(f.node.audience("model_training")).containsExactly(bob);
            assertThat(f.node.audience("marketing")).containsExactlyInAnyOrder(ann, bob);
        }
    }

    @Test
    void badConsentsAreRefusedAndAppendNothing() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long size = f.node.ledger().size();
            CustomerEvents events = f.node.customerEvents();
            assertThatThrownBy(() -> events.consent(ann, "gossip", "granted", "web", null)).hasMessageContaining("purpose 'gossip'");
            assertThatThrownBy(() -> events.consent(ann, "marketing", "maybe", "web", null)).hasMessageContaining("state 'maybe'");
            assertThatThrownBy(() -> events.consent(ann, "marketing", "granted", " ", null)).hasMessageContaining("channel");
            assertThatThrownBy(() -> events.consent("cu_nobody", "marketing", "granted", "web", null)).hasMessageContaining("no customer");
            assertThat(f.node.ledger().size()).isEqualTo(size);
        }
    }

    @Test
    void aRatingNamesTheInteractionAndItsAgentAndSealsTheComment() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long entry = f.node.customerEvents().rate(0, 5, "Sorted my broadband in minutes", "portal");
            EventEntry e = EventEntry.parse(f.node.ledger().leaf(entry));
            assertThat(e.kind()).isEqualTo(EventEntry.RATING);
            assertThat(e.about()).isZero();
            assertThat(e.customerId()).isEqualTo(ann);
            assertThat(e.field("agent")).isEqualTo("agent-1");
            assertThat(e.field("rating")).isEqualTo("5");
            assertThat(new String(f.node.ledger().leaf(entry))).doesNotContain("broadband");
            var item = f.node.customers().timeline(ann, null, 10).items().get(0);
            assertThat(item.event()).isNotNull();
            assertThat(item.comment()).isEqualTo("Sorted my broadband in minutes");
            assertThat(f.node.projections().eventsAbout(0, EventEntry.RATING)).hasSize(1);
            assertThat(f.node.verify(Progress.NONE).ok()).isTrue();
        }
    }

    @Test
    void onlyAnInteractionCanBeRatedAndOnlyFromOneToFive() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long consent = f.node.customerEvents().consent(ann, "analytics", "granted", "web", null);
            assertThatThrownBy(() -> f.node.customerEvents().rate(0, 6, null, null)).hasMessageContaining("1 to 5");
            assertThatThrownBy(() -> f.node.customerEvents().rate(consent, 4, null, null)).hasMessageContaining("not an interaction");
            assertThatThrownBy(() -> f.node.customerEvents().rate(99, 4, null, null)).hasMessageContaining("no entry 99");
        }
    }

    @Test
    void aCustomerRatesOnlyTheirOwnInteractionsAndARefusalAppendsNothing() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long bobs = f.append(interaction("crm", "2", "2026-01-02T00:00:00Z", "email", email("bob@example.com"))).get(0).index();
            long size = f.node.ledger().size();
            Write other = Write.of(Write.RATING, "entry", Long.toString(bobs), "rating", "1", "customer", ann, "rater", "customer");
            assertThatThrownBy(() -> other.apply(f.node.commands(Clock.systemUTC()), null)).isInstanceOf(NotPermitted.class)
                    .hasMessageContaining("only rate their own");
            assertThatThrownBy(() -> other.check(f.node.checks())).isInstanceOf(NotPermitted.class);
            assertThat(f.node.ledger().size()).isEqualTo(size);
            long own = Write.of(Write.RATING, "entry", "0", "rating", "5", "customer", ann, "rater", "customer").apply(f.node.commands(Clock.systemUTC()), null);
            assertThat(EventEntry.parse(f.node.ledger().leaf(own)).customerId()).isEqualTo(ann);
        }
    }

    @Test
    void anAgentRatesAnyInteractionForTheCustomer() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            ann(f);
            long bobs = f.append(interaction("crm", "2", "2026-01-02T00:00:00Z", "email", email("bob@example.com"))).get(0).index();
            long entry = Write.of(Write.RATING, "entry", Long.toString(bobs), "rating", "4", "rater", "agent:agent-7").apply(f.node.commands(Clock.systemUTC()), null);
            assertThat(EventEntry.parse(f.node.ledger().leaf(entry)).field("rater")).isEqualTo("agent:agent-7");
        }
    }

    @Test
    void consentsAndRatingsSurviveARebuild() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            f.node.customerEvents().consent(ann, "analytics", "granted", "web", null);
            f.node.customerEvents().rate(0, 4, "fine", null);
            f.append(interaction("crm", "2", "2026-01-02T00:00:00Z", "email", email("ann@example.com")));
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
            assertThat(f.node.consents().allows(ann, "analytics")).isTrue();
        }
    }

    @Test
    void aConsentGivenEarlierSitsOnTheTimelineAtTheTimeGivenAndKeepsWhenItWasRecorded() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long first = f.node.customers().timeline(ann, null, 10).items().get(0).index();
            long march = f.append(interaction("crm", "2", "2026-03-01T00:00:00Z", "email", email("ann@example.com"))).get(0).index();
            Instant signedUp = Instant.parse("2026-01-01T00:05:00Z");
            long index = f.node.customerEvents().consent(new CustomerEvents.ConsentChange(ann, "marketing", "granted", "web", "sign-up form", signedUp));
            EventEntry e = EventEntry.parse(f.node.ledger().leaf(index));
            assertThat(e.occurredAt()).isEqualTo(signedUp);
            assertThat(e.at()).as("recorded now").isAfter(Instant.parse("2026-06-01T00:00:00Z"));
            // Newest first: the March record, then the consent given in January, then the record it came with.
            assertThat(f.node.customers().timeline(ann, null, 10).items()).extracting(Customers.TimelineItem::index)
                    .containsSubsequence(march, index, first);
        }
    }

    @Test
    void aConsentTimeInTheFutureIsRefusedNamingIt() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long size = f.node.ledger().size();
            Instant later = Instant.now().plus(Duration.ofDays(3));
            assertThatThrownBy(() -> f.node.customerEvents().consent(new CustomerEvents.ConsentChange(ann, "marketing", "granted", "web", null, later)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("occurredAt").hasMessageContaining("future");
            assertThat(f.node.ledger().size()).isEqualTo(size);
        }
    }
}
