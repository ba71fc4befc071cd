package org.touchline.identity;

import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.state.CacheStats;
import org.touchline.domain.store.ProjectionChanges;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The probabilistic side of resolution as the {@link IdentityGraph} sees it: it keeps a match profile per customer
 * (names, dates of birth, addresses...) from the identifiers the graph attributes, and finds the best known customer
 * for a record that no strong identifier places. Called in ledger order only, so it is as deterministic as the graph;
 * what it keeps goes into the projections through {@code changes}.
 */
public interface ProfileMatcher {
    /** The best candidate at or above the review threshold, if any; {@code allowed} filters candidates. */
    Optional<Match> match(List<Identifier> identifiers, Allowed allowed);

    /** Which candidates a record may join; told them all first, so it can look them up in one batch. */
    @FunctionalInterface
    interface Allowed extends Predicate<String> {
        default void prefetch(Collection<String> candidates) {}
    }

    /** The customers a group of records will update, read ahead where that saves lookups one by one. */
    default void prefetch(Collection<String> customerIds) {}

    /** {@code customerId} was just created: it has no profile yet (nothing to look up). */
    default void created(String customerId) {}

    /** How the caches of profiles did, if there are any. */
    default List<CacheStats> cacheStats() { return List.of(); }

    /** The graph attributed {@code identifiers} to {@code customerId}: fold them into its profile. */
    void observe(String customerId, List<Identifier> identifiers, ProjectionChanges changes);

    /** {@code absorbed} was merged into {@code survivor}: one profile now. */
    void merged(String absorbed, String survivor, ProjectionChanges changes);

    /** {@code part} was split off another customer: it starts a profile of its own with its next interaction. */
    void splitOff(String part, ProjectionChanges changes);

    /** The customer was erased: their profile goes, with nothing kept. */
    void forget(String customerId);

    /** A candidate with its score; {@code link} above the upper threshold, else review. */
    /**
     * The customers whose latest postcode lies in one of {@code areas}: a postcode area ("LS", the letters) or district
     * ("LS6", the outward code). An external event (an outage) reaches its customers this way.
     */
    default List<String> inPostcodeAreas(Collection<String> areas) { return List.of(); }

    record Match(String customerId, boolean link, IdentityDecision.Score score, String rule) {}

    ProfileMatcher NONE = new ProfileMatcher() {
        @Override public Optional<Match> match(List<Identifier> identifiers, Allowed allowed) { return Optional.empty(); }

        @Override public void observe(String customerId, List<Identifier> identifiers, ProjectionChanges changes) {}

        @Override public void merged(String absorbed, String survivor, ProjectionChanges changes) {}

        @Override public void splitOff(String part, ProjectionChanges changes) {}

        @Override public void forget(String customerId) {}
    };
}
