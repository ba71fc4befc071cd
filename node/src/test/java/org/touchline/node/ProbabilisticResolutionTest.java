package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Interaction;
import org.touchline.domain.Progress;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.identity.match.PersonMatchModel;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;

/** Probabilistic matching in the node: records no strong identifier places are matched, linked or queued for review. */
class ProbabilisticResolutionTest {
    @TempDir Path dir;

    private static Interaction person(String id, String at, String mail, String name, String dob, String postcode, String address) {
        return interaction("crm", id, at, "email", email(mail), new Identifier("name", name), new Identifier("date_of_birth", dob),
                new Identifier("postcode", postcode), new Identifier("address", address));
    }

    /**
     * Ann; Anne with a new email (the same person); Tom, her twin, at the same address; and an "Anne Smith" with a
     * loyalty card whose date of birth differs by one digit and who gives no address: maybe Ann, maybe not.
     */
    private static String[] annAndOthers(NodeFixture f) {
        f.append(person("1", "2026-01-01T00:00:00Z", "ann@example.com", "Ann Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds"));
        f.append(person("2", "2026-01-02T00:00:00Z", "anne.smith@mail.example", "Anne Smith", "1980-02-03", "LS1 4AB", "12 High St, Leeds"));
        f.append(person("3", "2026-01-03T00:00:00Z", "tom@example.com", "Tom Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds"));
        f.append(interaction("pos", "4", "2026-01-04T00:00:00Z", "store", new Identifier("loyalty_card", "LC-600000000001"),
                new Identifier("name", "Anne Smith"), new Identifier("date_of_birth", "1980-02-08")));
        return new String[]{f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow(),
                f.node.customers().findByIdentifier(email("tom@example.com")).orElseThrow(),
                f.node.customers().findByIdentifier(new Identifier("loyalty_card", "LC-600000000001")).orElseThrow()};
    }

    @Test
    void aRecordWithANewEmailButTheSamePersonsDetailsJoinsThatCustomerWithItsScore() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = annAndOthers(f)[0];
            assertThat(f.node.customers().findByIdentifier(email("anne.smith@mail.example"))).contains(ann);
            ProjectionChanges.DecisionRow matched = f.node.customers().decisions(ann).stream()
                    .filter(r -> r.decision().kind().equals(IdentityDecision.MATCHED)).findFirst().orElseThrow();
            assertThat(matched.decision().about()).isEqualTo(1);
            assertThat(matched.decision().score().probability()).isGreaterThanOrEqualTo(0.9);
            assertThat(matched.decision().score().contributions()).extracting(IdentityDecision.Contribution::field)
                    .contains("given_name", "surname", "date_of_birth", "postcode");
            assertThat(matched.decision().rule()).startsWith("probabilistic match (model ");
            assertThat(f.node.customers().explain(ann).orElseThrow().identifiers())
                    .filteredOn(i -> "anne.smith@mail.example".equals(i.value())).singleElement()
                    .satisfies(i -> assertThat(i.rule()).startsWith("joined with its record, placed by the probabilistic matcher (p="));
        }
    }

    @Test
    void aTwinAtTheSameAddressIsNeitherLinkedNorQueued() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] ab = annAndOthers(f);
            assertThat(ab[1]).isNotEqualTo(ab[0]);
            assertThat(f.node.customers().decisions(ab[1])).noneMatch(r -> r.decision().otherCustomerId() != null);
        }
    }

    @Test
    void anUncertainMatchGetsItsOwnCustomerAndGoesToTheReviewQueue() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] ab = annAndOthers(f);
            assertThat(ab[2]).isNotEqualTo(ab[0]);
            List<ProjectionChanges.DecisionRow> open = f.node.projections().reviews("open", 0, 10);
            assertThat(open).singleElement().satisfies(r -> {
                assertThat(r.decision().customerId()).isEqualTo(ab[2]);
                assertThat(r.decision().otherCustomerId()).isEqualTo(ab[0]);
                assertThat(r.decision().score().probability()).isBetween(0.5, 0.9);
                assertThat(r.decision().rule()).contains("between the review threshold 0.5 and the link threshold 0.9");
            });
        }
    }

    @Test
    void acceptingAReviewMergesTheTwoAndIsRecorded() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] ab = annAndOthers(f);
            long review = f.node.projections().reviews("open", 0, 10).get(0).entry();
            long entry = f.node.identityCommands().acceptReview(review, "agent-3", "same person, wrong name in CRM");
            assertThat(f.node.customers().current(ab[2])).contains(ab[0]);
            assertThat(f.node.customers().findByIdentifier(new Identifier("loyalty_card", "LC-600000000001"))).contains(ab[0]);
            assertThat(f.node.projections().reviews("open", 0, 10)).isEmpty();
            assertThat(f.node.projections().decision(review)).map(ProjectionChanges.DecisionRow::status).contains("accepted");
            assertThat(IdentityDecision.parse(f.node.ledger().leaf(entry)).actor()).isEqualTo("agent-3");
            assertThatThrownBy(() -> f.node.identityCommands().rejectReview(review, "agent-3", null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already accepted");
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
        }
    }

    @Test
    void rejectingAReviewKeepsThePairApartEvenWhenARecordLaterJoinsThem() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String[] ab = annAndOthers(f);
            long review = f.node.projections().reviews("open", 0, 10).get(0).entry();
            f.node.identityCommands().rejectReview(review, "agent-3", "another Ann Smith");
            f.append(interaction("crm", "5", "2026-02-01T00:00:00Z", "email", email("ann@example.com"), new Identifier("loyalty_card", "LC-600000000001")));
            assertThat(f.node.customers().current(ab[2])).contains(ab[2]);
            assertThat(f.node.projections().decision(review)).map(ProjectionChanges.DecisionRow::status).contains("rejected");
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
        }
    }

    @Test
    void theQueuesDecisionsAreAnswersToLearnFromWithTheLevelsTheReviewRecorded() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            annAndOthers(f);
            ProjectionChanges.DecisionRow review = f.node.projections().reviews("open", 0, 10).get(0);
            assertThat(f.node.identityCommands().reviewAnswers()).as("an open review is no answer").isEmpty();
            f.node.identityCommands().rejectReview(review.entry(), "agent-3", "another Anne Smith");
            List<PersonMatchModel.ReviewAnswer> answers = f.node.identityCommands().reviewAnswers();
            assertThat(answers).singleElement().satisfies(a -> {
                assertThat(a.same()).isFalse();
                for (IdentityDecision.Contribution c : review.decision().score().contributions())
                    assertThat(a.levels()).containsEntry(c.field(), c.level());
            });
            var model = PersonMatchModel.defaults();
            assertThat(model.withReviews(answers).version()).isNotEqualTo(model.version());
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.identityCommands().reviewAnswers()).as("a rebuild gives the same answers").isEqualTo(answers);
        }
    }

    @Test
    void aRestartedNodeMatchesAgainstTheProfilesItKept() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(person("1", "2026-01-01T00:00:00Z", "ann@example.com", "Ann Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds"));
        }
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(person("2", "2026-01-02T00:00:00Z", "anne.smith@mail.example", "Anne Smith", "1980-02-03", "LS1 4AB", "12 High St, Leeds"));
            assertThat(f.node.customers().findByIdentifier(email("anne.smith@mail.example")))
                    .isEqualTo(f.node.customers().findByIdentifier(email("ann@example.com")));
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
        }
    }
}
