package org.touchline.node.audience;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EventEntry;
import org.touchline.node.CommandWriter;
import org.touchline.node.NodeWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node that stops between appending membership entries and recording them loses nothing and records nothing twice. */
class EvaluatorRestartTest {
    @TempDir Path dir;

    /** Audiences over the fixture's node whose writer appends, then fails as a node stopping at that moment would. */
    private static Audiences stoppingAfterAppend(AudienceFixture f) {
        CommandWriter real = NodeWriter.of(f.node);
        CommandWriter stopping = (submitter, command) -> {
            real.command(submitter, command);
            throw new IllegalStateException("the node stopped here");
        };
        return new Audiences(f.node.ledger(), f.node.projections(), f.node.projections(), f.node.customers(), f.node.storedFacts(),
                f.node.analytics().stages(), (c, at) -> Map.of(), f.store.audiences(), stopping, f.clock, AudienceFixture.SMALL);
    }

    @Test
    void membershipEntriesAppendedButNotRecordedAreAppliedOnceAfterARestart() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("everyone", "customer.interactions >= 1", null, "analyst:ann");
            f.audiences.evaluator().catchUp();
            f.interaction("ann@example.com", "web", "enquiry", 1);
            Audiences crashing = stoppingAfterAppend(f);
            assertThatThrownBy(() -> crashing.evaluator().catchUp()).hasMessageContaining("stopped");
            assertThat(f.members("everyone")).as("appended, not recorded").isEmpty();
            assertThat(memberships(f)).hasSize(1);

            f.audiences.evaluator().catchUp();
            assertThat(f.members("everyone")).containsExactly(f.customer("ann@example.com"));
            assertThat(memberships(f)).as("read back, not appended again").hasSize(1);
            assertThat(f.audiences.status("everyone").size()).isEqualTo(1);
        }
    }

    private static List<EventEntry> memberships(AudienceFixture f) {
        List<EventEntry> out = new ArrayList<>();
        f.node.projections().allEvents(EventEntry.MEMBERSHIP, r -> out.add(r.event()));
        return out;
    }
}
