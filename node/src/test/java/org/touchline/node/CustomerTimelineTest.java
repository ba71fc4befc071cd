package org.touchline.node;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.PartyRole;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.*;

class CustomerTimelineTest {
    @TempDir Path dir;

    @Test
    void recordsSharingAStrongIdentifierFormOneTimelineNewestFirst() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("callcentre", "c1", "2026-03-01T09:00:00Z", "call_centre", phone("07700 900123"), account("ACC-1")),
                    interaction("digital", "d1", "2026-03-02T09:00:00Z", "web", email("ann@example.com"), account("acc-1")),
                    interaction("pos", "p1", "2026-03-03T09:00:00Z", "store", phone("+44 7700 900123")));
            String c = f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
            var page = f.node.customers().timeline(c, null, 10);
            assertThat(page.total()).isEqualTo(3);
            assertThat(page.items()).extracting(i -> i.interaction().sourceRecordId()).containsExactly("p1", "d1", "c1");
            assertThat(page.items().get(0).interaction().text()).isEqualTo("Customer asked about p1");
        }
    }

    @Test
    void aRecordJoiningTwoCustomersMergesThemAndTheOldIdStillWorks() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("x@example.com")),
                    interaction("crm", "2", "2026-01-02T00:00:00Z", "email", phone("07700900999")));
            String a = f.node.customers().findByIdentifier(email("x@example.com")).orElseThrow();
            String b = f.node.customers().findByIdentifier(phone("07700900999")).orElseThrow();
            assertThat(a).isNotEqualTo(b);
            f.append(interaction("crm", "3", "2026-01-03T00:00:00Z", "email", email("x@example.com"), phone("07700900999")));
            assertThat(f.node.customers().findByIdentifier(phone("07700900999"))).contains(a);
            assertThat(f.node.customers().current(b)).contains(a);
            assertThat(f.node.customers().timeline(a, null, 10).total()).isEqualTo(3);
        }
    }

    @Test
    void theIdentityExplanationNamesEachIdentifierAndTheEntryThatMerged() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("x@example.com")),
                    interaction("calls", "2", "2026-01-02T00:00:00Z", "call_centre", phone("07700900999")),
                    interaction("crm", "3", "2026-01-03T00:00:00Z", "email", email("x@example.com"), phone("07700900999")));
            String a = f.node.customers().findByIdentifier(email("x@example.com")).orElseThrow();
            IdentityExplanation e = f.node.customers().explain(a).orElseThrow();
            assertThat(e.createdAt()).isZero();
            assertThat(e.identifiers()).extracting(IdentityExplanation.LinkedIdentifier::type, IdentityExplanation.LinkedIdentifier::value,
                    IdentityExplanation.LinkedIdentifier::atIndex, IdentityExplanation.LinkedIdentifier::source)
                    .containsExactly(Tuple.tuple("email", "x@example.com", 0L, "crm"),
                            Tuple.tuple("phone", "447700900999", 1L, "calls"));
            assertThat(e.merges()).singleElement().satisfies(m -> {
                assertThat(m.atIndex()).isEqualTo(2);
                assertThat(m.sourceRecordId()).isEqualTo("3");
                assertThat(m.sharedIdentifiers()).containsExactly("email:x@example.com", "phone:447700900999");
            });
            assertThat(f.node.customers().explain("cu_nobody")).isEmpty();
        }
    }

    @Test
    void aProxyPurchaseShowsForTheBeneficiaryAndTheActor() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("digital", "w1", "2026-04-01T00:00:00Z", "web", email("mum@example.com")),
                    proxyPurchase("s1", "2026-04-02T00:00:00Z", new Identifier("loyalty_card", "LC-77"), email("mum@example.com")));
            String mum = f.node.customers().findByIdentifier(email("mum@example.com")).orElseThrow();
            String son = f.node.customers().findByIdentifier(new Identifier("loyalty_card", "lc-77")).orElseThrow();
            assertThat(son).isNotEqualTo(mum);
            var mine = f.node.customers().timeline(mum, null, 10);
            assertThat(mine.items()).extracting(Customers.TimelineItem::role).containsExactly("subject", "subject");
            assertThat(f.node.customers().timeline(son, null, 10).items()).extracting(Customers.TimelineItem::role).containsExactly("actor");
        }
    }

    /** As the store's till records it: the relative's own identifiers on the record, repeated as the actor party. */
    @Test
    void aRelativeBuyingAtTheTillIsNotMergedIntoTheCustomerTheyBuyFor() throws Exception {
        var card = new Identifier("loyalty_card", "LC-9");
        var till = new Interaction(null, "pos", "t1", Instant.parse("2026-04-02T10:00:00Z"), "store",
                "purchase", List.of(card, email("son@example.com")),
                List.of(new PartyRole("actor", List.of(card, email("son@example.com"))),
                        new PartyRole("beneficiary", List.of(account("ACC-5"), email("mum@example.com")))),
                "staff-1", List.of("PHONE-1"), null, null, Map.of());
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("digital", "w1", "2026-04-01T00:00:00Z", "web", email("mum@example.com")), till);
            String mum = f.node.customers().findByIdentifier(email("mum@example.com")).orElseThrow();
            String son = f.node.customers().findByIdentifier(email("son@example.com")).orElseThrow();
            assertThat(son).isNotEqualTo(mum);
            assertThat(f.node.customers().findByIdentifier(account("ACC-5"))).contains(mum);
            assertThat(f.node.customers().findByIdentifier(card)).contains(son);
            assertThat(f.node.customers().timeline(mum, null, 10).items()).extracting(Customers.TimelineItem::role)
                    .containsExactly("subject", "subject");
            assertThat(f.node.customers().timeline(son, null, 10).items()).extracting(Customers.TimelineItem::role)
                    .containsExactly("actor");
        }
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            for (int k = 0; k < 25; k++)
                f.append(interaction("web", "r" + k, "2026-02-01T10:00:" + String.format("%02d", k % 3) + "Z", "web", email("p@example.com")));
            String c = f.node.customers().findByIdentifier(email("p@example.com")).orElseThrow();
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            do {
                var page = f.node.customers().timeline(c, cursor, 7);
                page.items().forEach(i -> seen.add(i.index()));
                cursor = page.next();
            } while (cursor != null);
            assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        }
    }
}
