package org.touchline.node.audience;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.store.AudienceStore.DailySize;
import org.touchline.domain.store.AudienceStore.Member;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudiencesTest {
    @TempDir Path dir;

    private static List<EventEntry> entries(AudienceFixture f, String kind) {
        List<EventEntry> out = new ArrayList<>();
        f.node.projections().allEvents(kind, r -> out.add(r.event()));
        return out;
    }

    @Test
    void aDefinitionIsALedgerEntryWithItsRule() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("web-regulars", "customer.last30d.channels.web >= 2", "busy online", "analyst:ann");
            List<EventEntry> defined = entries(f, EventEntry.AUDIENCE);
            assertThat(defined).hasSize(1);
            assertThat(defined.get(0).fields()).containsEntry("name", "web-regulars").containsEntry("rule", "customer.last30d.channels.web >= 2")
                    .containsEntry("change", "defined").containsEntry("actor", "analyst:ann");
            assertThat(defined.get(0).customerId()).isNull();
            assertThat(f.audiences.list()).extracting(s -> s.definition().name()).containsExactly("web-regulars");
        }
    }

    @Test
    void aBadRuleIsRefusedBeforeAnythingIsWritten() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            long head = f.node.ledger().size();
            assertThatThrownBy(() -> f.audiences.define("vip", "customer.spend > 10", null, "analyst:ann"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience 'vip', field 'rule'").hasMessageContaining("spend");
            assertThatThrownBy(() -> f.audiences.define("Not A Name", "true", null, "analyst:ann")).hasMessageContaining("field 'name'");
            assertThat(f.node.ledger().size()).isEqualTo(head);
        }
    }

    @Test
    void aSecondAudienceOfTheSameNameIsRefused() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("vip", "customer.tokens > 100", null, "analyst:ann");
            assertThatThrownBy(() -> f.audiences.define("vip", "customer.tokens > 5", null, "analyst:ann"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("exists");
        }
    }

    @Test
    void aCustomerEntersWhenAnEntryMakesTheRuleHoldAndTheEntrySaysWhy() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("web-regulars", "customer.last30d.channels.web >= 2", null, "analyst:ann");
            f.interaction("ann@example.com", "web", "enquiry", 3);
            f.audiences.evaluator().catchUp();
            assertThat(f.members("web-regulars")).isEmpty();
            long second = f.interaction("ann@example.com", "web", "enquiry", 1);
            f.audiences.evaluator().catchUp();
            String ann = f.customer("ann@example.com");
            assertThat(f.members("web-regulars")).containsExactly(ann);
            List<EventEntry> moves = entries(f, EventEntry.MEMBERSHIP);
            assertThat(moves).hasSize(1);
            assertThat(moves.get(0).customerId()).isEqualTo(ann);
            assertThat(moves.get(0).about()).isEqualTo(second);
            assertThat(moves.get(0).fields()).containsEntry("audience", "web-regulars").containsEntry("change", "entered");
            assertThat(f.audiences.of(ann)).extracting(Member::audience).containsExactly("web-regulars");
        }
    }

    @Test
    void aCustomerLeavesWhenTheirInteractionsAgeOutOfTheWindowWithNoNewEntry() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("web-regulars", "customer.last30d.channels.web >= 2", null, "analyst:ann");
            f.interaction("ann@example.com", "web", "enquiry", 10);
            f.interaction("ann@example.com", "web", "enquiry", 2);
            f.audiences.evaluator().catchUp();
            assertThat(f.members("web-regulars")).hasSize(1);
            long head = f.node.ledger().size();
            f.clock.advance(Duration.ofDays(19));
            f.audiences.evaluator().catchUp();
            assertThat(f.members("web-regulars")).as("the older one is 29 days old").hasSize(1);
            f.clock.advance(Duration.ofDays(2));
            f.audiences.evaluator().catchUp();
            assertThat(f.members("web-regulars")).isEmpty();
            List<EventEntry> moves = entries(f, EventEntry.MEMBERSHIP);
            assertThat(moves.get(moves.size() - 1).fields()).containsEntry("change", "left");
            assertThat(moves.get(moves.size() - 1).about()).as("moved by time, not by an entry").isEqualTo(-1);
            assertThat(f.node.ledger().size()).isEqualTo(head + 1);
        }
    }

    @Test
    void theSweepTakesOnlyTheCustomersWhoseWindowsChanged() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("web-regulars", "customer.last30d.channels.web >= 1", null, "analyst:ann");
            f.interaction("ann@example.com", "web", "enquiry", 29.5);
            f.interaction("bob@example.com", "web", "enquiry", 1);
            f.audiences.evaluator().catchUp();
            f.clock.advance(Duration.ofDays(1));
            assertThat(f.store.audiences().due(f.clock.instant(), 10)).containsExactly(f.customer("ann@example.com"));
        }
    }

    @Test
    void changingTheRuleEvaluatesEveryCustomerAgain() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("callers", "customer.last90d.channels.call_centre >= 1", null, "analyst:ann");
            for (int k = 0; k < 20; k++) f.interaction("c" + k + "@example.com", k % 2 == 0 ? "call_centre" : "web", "enquiry", k);
            f.audiences.evaluator().catchUp();
            assertThat(f.members("callers")).hasSize(10);
            f.audiences.change("callers", "customer.last90d.channels.web >= 1", null, "analyst:ann");
            f.audiences.evaluator().catchUp();
            assertThat(f.members("callers")).hasSize(10).doesNotContain(f.customer("c0@example.com")).contains(f.customer("c1@example.com"));
            assertThat(f.audiences.status("callers").evaluating()).isFalse();
        }
    }

    @Test
    void deletingAnAudienceForgetsItsMembers() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("everyone", "customer.interactions >= 1", null, "analyst:ann");
            f.interaction("ann@example.com", "web", "enquiry", 1);
            f.audiences.evaluator().catchUp();
            String ann = f.customer("ann@example.com");
            assertThat(f.audiences.of(ann)).hasSize(1);
            f.audiences.delete("everyone", "analyst:ann");
            f.audiences.evaluator().catchUp();
            assertThat(f.audiences.of(ann)).isEmpty();
            assertThat(f.audiences.list()).isEmpty();
            assertThat(f.store.audiences().states()).doesNotContainKey("everyone");
        }
    }

    @Test
    void anErasedCustomerLeavesEveryAudience() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("everyone", "customer.interactions >= 1", null, "analyst:ann");
            f.interaction("ann@example.com", "web", "enquiry", 1);
            f.audiences.evaluator().catchUp();
            String ann = f.customer("ann@example.com");
            f.node.customerEvents().erase(ann, "privacy:team");
            f.audiences.evaluator().catchUp();
            assertThat(f.members("everyone")).isEmpty();
        }
    }

    @Test
    void aCustomerMergedIntoAnotherLeavesAndTheSurvivorIsEvaluated() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("busy", "customer.interactions >= 2", null, "analyst:ann");
            f.interaction("ann@example.com", "web", "enquiry", 1, new Identifier("phone", "+447700900001"));
            f.interaction("ann@example.com", "web", "enquiry", 1);
            f.interaction("ann.work@example.com", "web", "enquiry", 1);
            f.interaction("ann.work@example.com", "web", "enquiry", 1);
            f.audiences.evaluator().catchUp();
            assertThat(f.members("busy")).hasSize(2);
            // The phone joins the second email to the first customer: one customer of four interactions.
            f.interaction("ann.work@example.com", "call_centre", "enquiry", 0.5, new Identifier("phone", "+447700900001"));
            f.audiences.evaluator().catchUp();
            String survivor = f.customer("ann@example.com");
            assertThat(f.customer("ann.work@example.com")).isEqualTo(survivor);
            assertThat(f.members("busy")).containsExactly(survivor);
        }
    }

    @Test
    void theSizeOverTimeIsADailySeries() throws Exception {
        try (AudienceFixture f = new AudienceFixture(dir)) {
            f.audiences.define("everyone", "customer.interactions >= 1", null, "analyst:ann");
            f.interaction("ann@example.com", "web", "enquiry", 1);
            f.audiences.evaluator().catchUp();
            f.clock.advance(Duration.ofDays(2));
            f.interaction("bob@example.com", "web", "enquiry", 0);
            f.audiences.evaluator().catchUp();
            LocalDate today = f.audiences.today();
            assertThat(f.audiences.sizes("everyone", today.minusDays(3), today)).extracting(DailySize::size).containsExactly(0L, 1L, 1L, 2L);
        }
    }
}
