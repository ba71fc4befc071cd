package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Progress;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;

/** Relationships: typed, time-bounded relationships that never merge, and a household viewed as one entity. */
class RelationshipsTest {
    @TempDir Path dir;

    private static String customer(NodeFixture f, String email, String id, String at) {
        f.append(interaction("crm", id, at, "email", email(email)));
        return f.node.customers().findByIdentifier(email(email)).orElseThrow();
    }

    @Test
    void aHouseholdIsViewedAsOneEntityButItsMembersStayCustomersOfTheirOwn() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = customer(f, "ann@example.com", "1", "2026-01-01T00:00:00Z");
            String bob = customer(f, "bob@example.com", "2", "2026-01-02T00:00:00Z");
            String cat = customer(f, "cat@example.com", "3", "2026-01-03T00:00:00Z");
            f.node.identityCommands().relate("household", ann, bob, LocalDate.of(2025, 1, 1), null, "agent-1");
            f.node.identityCommands().relate("household", bob, cat, LocalDate.of(2025, 1, 1), null, "agent-1");

            LocalDate on = LocalDate.of(2026, 6, 1);
            List<String> household = f.node.customers().group(ann, Set.of("household"), on);
            assertThat(household.get(0)).isEqualTo(ann);
            assertThat(household).containsExactlyInAnyOrder(ann, bob, cat);
            assertThat(f.node.customers().current(bob)).contains(bob);
            var page = f.node.customers().timeline(ann, List.of(ann, bob, cat), null, 50);
            assertThat(page.total()).isEqualTo(3);
            assertThat(page.items()).filteredOn(i -> i.interaction() != null).extracting(Customers.TimelineItem::customerId)
                    .containsExactly(cat, bob, ann);
        }
    }

    @Test
    void anEndedRelationshipNoLongerGroupsButIsKeptAsHistory() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = customer(f, "ann@example.com", "1", "2026-01-01T00:00:00Z");
            String bob = customer(f, "bob@example.com", "2", "2026-01-02T00:00:00Z");
            long rel = f.node.identityCommands().relate("proxy", bob, ann, LocalDate.of(2026, 1, 1), null, "agent-1");
            f.node.identityCommands().endRelationship(rel, LocalDate.of(2026, 3, 31), "agent-1");
            assertThat(f.node.customers().group(ann, Set.of("proxy"), LocalDate.of(2026, 2, 1))).containsExactly(ann, bob);
            assertThat(f.node.customers().group(ann, Set.of("proxy"), LocalDate.of(2026, 4, 1))).containsExactly(ann);
            assertThat(f.node.customers().relationships(ann)).singleElement().satisfies(r -> {
                assertThat(r.type()).isEqualTo("proxy");
                assertThat(r.from()).isEqualTo(bob);
                assertThat(r.validTo()).isEqualTo("2026-03-31");
            });
            assertThatThrownBy(() -> f.node.identityCommands().endRelationship(rel, LocalDate.of(2026, 5, 1), "agent-1"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already ended");
        }
    }

    @Test
    void badRelationshipsAreRefusedWithTheReason() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = customer(f, "ann@example.com", "1", "2026-01-01T00:00:00Z");
            String bob = customer(f, "bob@example.com", "2", "2026-01-02T00:00:00Z");
            long size = f.node.ledger().size();
            assertThatThrownBy(() -> f.node.identityCommands().relate("cousin", ann, bob, null, null, "a")).hasMessageContaining("not one of");
            assertThatThrownBy(() -> f.node.identityCommands().relate("household", ann, ann, null, null, "a")).hasMessageContaining("itself");
            assertThatThrownBy(() -> f.node.identityCommands().relate("household", ann, "cu_nobody", null, null, "a")).hasMessageContaining("no customer");
            assertThatThrownBy(() -> f.node.identityCommands().relate("household", ann, bob, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1), "a"))
                    .hasMessageContaining("before");
            assertThat(f.node.ledger().size()).isEqualTo(size);
        }
    }

    @Test
    void relationshipsFollowMergesAndSurviveARebuild() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = customer(f, "ann@example.com", "1", "2026-01-01T00:00:00Z");
            String bob = customer(f, "bob@example.com", "2", "2026-01-02T00:00:00Z");
            String bob2 = customer(f, "bob@work.example.com", "3", "2026-01-03T00:00:00Z");
            f.node.identityCommands().relate("employee", bob2, ann, null, null, "agent-1");
            // bob2 turns out to be bob: the relationship now names bob.
            f.append(interaction("crm", "4", "2026-01-04T00:00:00Z", "email", email("bob@example.com"), email("bob@work.example.com")));
            assertThat(f.node.customers().relationships(bob)).singleElement().satisfies(r -> assertThat(r.from()).isEqualTo(bob));
            assertThat(f.node.customers().group(ann, Set.of("employee"), LocalDate.of(2026, 6, 1))).containsExactly(ann, bob);
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
        }
    }
}
