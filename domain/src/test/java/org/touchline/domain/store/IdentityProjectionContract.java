package org.touchline.domain.store;

import org.junit.jupiter.api.Test;
import org.touchline.domain.IdentityDecision;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.domain.store.ProjectionHistory.AT;
import static org.touchline.domain.store.ProjectionHistory.apply;
import static org.touchline.domain.store.ProjectionHistory.changes;

/**
 * {@link IdentityProjection} as every store must keep it: identity's decisions, reviews, relationships and match
 * profiles. {@link ProjectionStoreContract} runs it on each store.
 */
public interface IdentityProjectionContract {
    /** A new, empty store (see {@link StoreContract}). */
    StoreUnderTest fresh();

    @Test
    default void customersAreFoundByTheirPostcodeAreasWhichFollowTheirProfile() {
        ProjectionStore p = fresh().projections();
        assertThat(p.postcodeAreasMissing()).isFalse();
        ProjectionChanges c = changes();
        c.profiles.put("ann", new byte[]{1});
        c.profiles.put("bob", new byte[]{2});
        apply(p, c);
        assertThat(p.postcodeAreasMissing()).as("profiles but no areas: a store from before the index").isTrue();
        ProjectionChanges areas = changes();
        areas.postcodeAreas.put("ann", List.of("a:LS6", "a:LS"));
        areas.postcodeAreas.put("bob", List.of("a:LS17", "a:LS"));
        apply(p, areas);
        assertThat(p.postcodeAreasMissing()).isFalse();
        assertThat(p.customersInPostcodeAreas(List.of("a:LS"))).containsExactly("ann", "bob");
        assertThat(p.customersInPostcodeAreas(List.of("a:LS6", "a:M1"))).containsExactly("ann");
        ProjectionChanges moved = changes();
        moved.postcodeAreas.put("ann", List.of("a:M1", "a:M"));
        moved.postcodeAreas.put("bob", null);
        apply(p, moved);
        assertThat(p.customersInPostcodeAreas(List.of("a:LS", "a:LS6", "a:LS17"))).isEmpty();
        assertThat(p.customersInPostcodeAreas(List.of("a:M1"))).containsExactly("ann");
        ProjectionChanges erased = changes();
        erased.erased.add("ann");
        apply(p, erased);
        assertThat(p.customersInPostcodeAreas(List.of("a:M1", "a:M"))).isEmpty();
    }

    @Test
    default void matchBlocksListTheirCustomersAndMoveWithTheProfile() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.profiles.put("c1", new byte[]{1});
        c.profiles.put("c2", new byte[]{2});
        c.matchBlocks.put("c1", new long[]{11, -22});
        c.matchBlocks.put("c2", new long[]{11, 0});
        apply(p, c);
        assertThat(p.blockMembers(11, 10)).containsExactly("c1", "c2");
        assertThat(p.blockMembers(11, 1)).containsExactly("c1");
        assertThat(p.blockMembers(-22, 10)).containsExactly("c1");
        assertThat(p.profilesOf(List.of("c1", "c3"))).containsOnlyKeys("c1");
        ProjectionChanges moved = changes();
        moved.matchBlocks.put("c1", new long[]{33, -22});
        moved.matchBlocks.put("c2", null);
        apply(p, moved);
        assertThat(p.blockMembers(11, 10)).isEmpty();
        assertThat(p.blockMembers(33, 10)).containsExactly("c1");
        ProjectionChanges erased = changes();
        erased.erased.add("c1");
        apply(p, erased);
        assertThat(p.blockMembers(33, 10)).isEmpty();
        assertThat(p.blockMembers(-22, 10)).isEmpty();
    }

    @Test
    default void identityDecisionsAreFoundByCustomerAndReviewsByStatus() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.decisionRows.add(new ProjectionChanges.DecisionRow(5, IdentityDecision.derived(IdentityDecision.REVIEW, 4, AT, "a", "b", "email", "k:a", "r"), "open"));
        c.decisionRows.add(new ProjectionChanges.DecisionRow(7, IdentityDecision.derived(IdentityDecision.MERGED, 6, AT, "c", "a", "phone", "k:p", "r"), "done"));
        c.decisionRows.add(new ProjectionChanges.DecisionRow(9, IdentityDecision.derived(IdentityDecision.REVIEW, 8, AT, "d", "e", "email", "k:d", "r"), "open"));
        apply(p, c);
        assertThat(p.decisionsOf("a")).extracting(ProjectionChanges.DecisionRow::entry).containsExactly(5L, 7L);
        assertThat(p.decision(7)).hasValueSatisfying(d -> assertThat(d.decision().customerId()).isEqualTo("c"));
        assertThat(p.reviews("open", 0, 10)).extracting(ProjectionChanges.DecisionRow::entry).containsExactly(5L, 9L);
        assertThat(p.reviews("open", 5, 10)).extracting(ProjectionChanges.DecisionRow::entry).containsExactly(9L);
        ProjectionChanges accepted = changes();
        accepted.reviewStatuses.add(new ProjectionChanges.ReviewStatus(5, "accepted", 10));
        apply(p, accepted);
        assertThat(p.reviews("open", 0, 10)).extracting(ProjectionChanges.DecisionRow::entry).containsExactly(9L);
        assertThat(p.reviews("accepted", 0, 10)).extracting(ProjectionChanges.DecisionRow::entry).containsExactly(5L);
        assertThat(p.decision(42)).isEmpty();
    }

    @Test
    default void relationshipsAreFoundFromEitherSideAndEndWithADate() {
        ProjectionStore p = fresh().projections();
        ProjectionChanges c = changes();
        c.relationships.add(new ProjectionChanges.Relationship(3, "household", "a", "b", "2026-01-01", null));
        c.relationships.add(new ProjectionChanges.Relationship(4, "proxy", "c", "a", null, null));
        apply(p, c);
        ProjectionChanges end = changes();
        end.relationshipEnds.add(new ProjectionChanges.RelationshipEnd(3, "2026-02-01"));
        apply(p, end);
        assertThat(p.relationshipsOf("a")).extracting(ProjectionChanges.Relationship::entry).containsExactly(3L, 4L);
        assertThat(p.relationshipsOf("b")).containsExactly(new ProjectionChanges.Relationship(3, "household", "a", "b", "2026-01-01", "2026-02-01"));
        assertThat(p.relationships()).hasSize(2);
        assertThat(p.relationship(4)).contains(new ProjectionChanges.Relationship(4, "proxy", "c", "a", null, null));
        assertThat(p.relationship(5)).isEmpty();
    }
}
