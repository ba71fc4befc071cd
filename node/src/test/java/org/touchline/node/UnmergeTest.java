package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Progress;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineRow;
import org.touchline.identity.IdentityGraph;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;
import static org.touchline.node.NodeFixture.phone;

/** Unmerge splits a customer back, re-attributes its records, keeps ids stable and is recorded. */
class UnmergeTest {
    @TempDir Path dir;

    /** A (email x) and B (phone p) merged by a record carrying both; then a call from p alone. Indexes 0..4. */
    private static String[] mergedPair(NodeFixture f) {
        f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("x@example.com")));
        f.append(interaction("calls", "2", "2026-01-02T00:00:00Z", "call_centre", phone("07700900999")));
        String a = f.node.customers().findByIdentifier(email("x@example.com")).orElseThrow();
        String b = f.node.customers().findByIdentifier(phone("07700900999")).orElseThrow();
        f.append(interaction("crm", "3", "2026-01-03T00:00:00Z", "email", email("x@example.com"), phone("07700900999")));
        f.append(interaction("calls", "4", "2026-01-04T00:00:00Z", "call_centre", phone("07700900999")));
        assertThat(f.node.customers().current(b)).contains(a);
        return new String[]{a, b};
    }

    private static List<Long> interactionIndexes(NodeFixture f, String customer) {
        return f.node.projections().timeline(customer, null, null, 100).stream()
                .filter(r -> !r.role().equals("identity")).map(TimelineRow::index).sorted().toList();
    }

    @Test
    void undoingAMergeGivesTheAbsorbedCustomerItsOldIdAndTheRecordsOnlyItsIdentifiersCarry() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] ab = mergedPair(f);
            String a = ab[0], b = ab[1];
            long entry = f.node.identityCommands().unmerge(a, b, null, "agent-7", "two different people");

            assertThat(f.node.customers().current(b)).contains(b);
            assertThat(f.node.customers().current(a)).contains(a);
            assertThat(f.node.customers().findByIdentifier(phone("07700900999"))).contains(b);
            assertThat(f.node.customers().findByIdentifier(email("x@example.com"))).contains(a);
            // Interactions at 0 (x) and 2 (x and p) stay; 1 and 4 carry only p (index 3 is the merge decision).
            assertThat(interactionIndexes(f, a)).containsExactly(0L, 2L);
            assertThat(interactionIndexes(f, b)).containsExactly(1L, 4L);
            IdentityDecision recorded = IdentityDecision.parse(f.node.ledger().leaf(entry));
            assertThat(recorded.kind()).isEqualTo(IdentityDecision.UNMERGED);
            assertThat(recorded.customerId()).isEqualTo(a);
            assertThat(recorded.otherCustomerId()).isEqualTo(b);
            assertThat(recorded.actor()).isEqualTo("agent-7");
            assertThat(f.node.customers().timeline(b, null, 10).items()).anySatisfy(i ->
                    assertThat(i.decision()).isNotNull().extracting(IdentityDecision::kind).isEqualTo(IdentityDecision.UNMERGED));
            assertThat(f.node.verify(Progress.NONE).ok()).isTrue();
        }
    }

    @Test
    void anUnmergedPairIsNotMergedAgainByARecordCarryingBothIdentifiers() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] ab = mergedPair(f);
            long entry = f.node.identityCommands().unmerge(ab[0], ab[1], null, "agent-7", null);
            f.append(interaction("crm", "5", "2026-02-01T00:00:00Z", "email", email("x@example.com"), phone("07700900999")));
            assertThat(f.node.customers().current(ab[1])).contains(ab[1]);
            assertThat(f.node.customers().decisions(ab[0])).anySatisfy(r -> {
                assertThat(r.decision().kind()).isEqualTo(IdentityDecision.MERGE_REFUSED);
                assertThat(r.decision().rule()).isEqualTo("kept apart by entry " + entry);
            });
        }
    }

    @Test
    void splittingIdentifiersOffMovesThemToANewCustomerNamedByTheEntry() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("x@example.com"), phone("07700900999")));
            f.append(interaction("calls", "2", "2026-01-02T00:00:00Z", "call_centre", phone("07700900999")));
            String a = f.node.customers().findByIdentifier(email("x@example.com")).orElseThrow();
            long entry = f.node.identityCommands().unmerge(a, null, List.of(phone("07700900999")), "agent-7", "shared landline");
            String split = IdentityGraph.customerId(entry, 0);
            assertThat(f.node.customers().findByIdentifier(phone("07700900999"))).contains(split);
            assertThat(interactionIndexes(f, a)).containsExactly(0L);
            assertThat(interactionIndexes(f, split)).containsExactly(1L);
            assertThat(f.node.customers().current(split)).contains(split);
        }
    }

    @Test
    void unmergeRefusesWhatItCannotDo() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] ab = mergedPair(f);
            assertThatThrownBy(() -> f.node.identityCommands().unmerge(ab[1], ab[0], null, "a", null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merged into " + ab[0]);
            assertThatThrownBy(() -> f.node.identityCommands().unmerge(ab[0], null, List.of(email("x@example.com"), phone("07700900999")), "a", null))
                    .hasMessageContaining("no identifier");
            assertThatThrownBy(() -> f.node.identityCommands().unmerge(ab[0], null, List.of(email("nobody@example.com")), "a", null))
                    .hasMessageContaining("is not one of");
            long size = f.node.ledger().size();
            assertThat(f.node.ledger().size()).isEqualTo(size);
        }
    }

    @Test
    void rebuildReproducesUnmergesAndTheWriterCarriesOnFromThere() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] ab = mergedPair(f);
            f.node.identityCommands().unmerge(ab[0], ab[1], null, "agent-7", null);
            f.append(interaction("calls", "6", "2026-02-02T00:00:00Z", "call_centre", phone("07700900999")));
            f.append(interaction("crm", "6b", "2026-02-02T00:00:00Z", "email", email("x@example.com"), email("y@example.com")));
            f.node.identityCommands().unmerge(ab[0], null, List.of(email("y@example.com")), "agent-7", null);
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
            f.append(interaction("crm", "7", "2026-02-03T00:00:00Z", "email", email("x@example.com"), phone("07700900999")));
            String after = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(after);
            assertThat(f.node.verify(Progress.NONE).ok()).isTrue();
        }
        // And a node opened on the store afterwards resolves the same way.
        try (NodeFixture f = new NodeFixture(dir)) {
            String before = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(before);
            assertThat(f.node.projections().decisionsOf(f.node.customers().findByIdentifier(phone("07700900999")).orElseThrow()))
                    .extracting(r -> r.decision().kind()).contains(IdentityDecision.UNMERGED);
            assertThat(f.node.projections().reviews("open", 0, 10)).isEmpty();
            assertThat(f.node.projections().decisionsOf("nobody")).isEmpty();
            ProjectionChanges.DecisionRow any = f.node.projections().decisionsOf(f.node.customers().findByIdentifier(email("x@example.com")).orElseThrow()).get(0);
            assertThat(f.node.projections().decision(any.entry())).contains(any);
        }
    }
}
