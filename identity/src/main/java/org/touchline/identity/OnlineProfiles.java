package org.touchline.identity;

import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.state.CacheStats;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.identity.match.Comparison;
import org.touchline.identity.match.Decision;
import org.touchline.identity.match.MatchScore;
import org.touchline.identity.match.OnlineMatch;
import org.touchline.identity.match.OnlineMatcher;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.identity.match.PersonProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link ProfileMatcher} on the {@link OnlineMatcher}: profiles in the projections sealed by the node (they hold names
 * and dates of birth) with the blocks they are in, so a restarted node matches as the running one did; the matcher
 * reads them from the store ({@link StoredProfileIndex}) or, in tests, keeps them in memory.
 */
public final class OnlineProfiles implements ProfileMatcher {
    /** Seals a profile at rest and opens it again; the node's vault does this. */
    public interface Seal {
        byte[] seal(String customerId, byte[] plain);

        byte[] open(String customerId, byte[] sealed);
    }

    private final OnlineMatcher matcher;
    private final Seal seal;
    private final PostcodeAreas areas;

    /** {@code areas} keys each profile's postcode areas for the index an outage is placed through. */
    public OnlineProfiles(OnlineMatcher matcher, Seal seal, PostcodeAreas areas) {
        this.matcher = matcher;
        this.seal = seal;
        this.areas = areas;
    }

    public OnlineMatcher matcher() { return matcher; }

    /** A profile the projections kept. */
    public void restore(String customerId, byte[] sealed) {
        matcher.put(customerId, PersonProfile.fromPacked(seal.open(customerId, sealed)));
    }

    @Override
    public Optional<Match> match(List<Identifier> identifiers, Allowed allowed) {
        PersonProfile record = PersonProfile.of(identifiers);
        if (!record.matchable()) return Optional.empty();
        List<String> candidates = matcher.candidates(record);
        allowed.prefetch(candidates);
        return matcher.best(record, candidates, allowed).flatMap(this::match);
    }

    @Override
    public void prefetch(Collection<String> customerIds) { matcher.prefetch(customerIds); }

    @Override
    public void created(String customerId) { matcher.created(customerId); }

    @Override
    public List<CacheStats> cacheStats() { return matcher.cacheStats(); }

    private Optional<Match> match(OnlineMatch m) { return judge(matcher.model(), m); }

    /**
     * The online resolver's decision on its best candidate: link, review, or nothing. Public so that a batch resolver
     * over the same model ({@code touchline spark resolve}) decides each pair exactly as the online one does.
     */
    public static Optional<Match> judge(PersonMatchModel model, OnlineMatch m) {
        List<Comparison> comparisons = model.comparisons();
        List<IdentityDecision.Contribution> contributions = new ArrayList<>();
        for (int c = 0; c < comparisons.size(); c++) {
            int level = m.score().levels()[c];
            if (level == Comparison.NULL) continue;
            contributions.add(new IdentityDecision.Contribution(comparisons.get(c).column(), comparisons.get(c).levels().get(level),
                    m.score().contributions()[c]));
        }
        boolean link = m.decision() == Decision.LINK;
        var thresholds = model.thresholds();
        String why = link ? "at or above the link threshold " + thresholds.upper()
                : "between the review threshold " + thresholds.lower() + " and the link threshold " + thresholds.upper();
        // The model takes its comparisons as independent, but members of a household share the address and its
        // postcode (and often the surname): on those alone a partner or a child scores as the same person. When a
        // name disagrees, the shared place is household evidence, not identity evidence: the pair is judged without
        // it, and even then only a person may link it.
        if (namesDisagree(comparisons, m)) {
            double withoutPlace = m.score().weight() - placeWeight(comparisons, m);
            double p = MatchScore.probability(withoutPlace);
            if (p < thresholds.lower()) return Optional.empty();
            link = false;
            why = String.format(Locale.ROOT, "a name disagrees; without the shared address p=%.4f: a person decides", p);
        }
        String rule = String.format(Locale.ROOT, "probabilistic match (model %s): p=%.4f, %s", m.modelVersion().substring(0, 12),
                m.probability(), why);
        return Optional.of(new Match(m.customerId(), link, new IdentityDecision.Score(m.probability(), m.score().weight(), contributions), rule));
    }

    private static double placeWeight(List<Comparison> comparisons, OnlineMatch m) {
        double w = 0;
        for (int c = 0; c < comparisons.size(); c++) {
            String column = comparisons.get(c).column();
            if (column.equals("postcode") || column.equals("address")) w += m.score().contributions()[c];
        }
        return w;
    }

    private static boolean namesDisagree(List<Comparison> comparisons, OnlineMatch m) {
        for (int c = 0; c < comparisons.size(); c++) {
            String column = comparisons.get(c).column();
            if ((column.equals("given_name") || column.equals("surname") || column.equals("name")) && m.score().contributions()[c] < 0)
                return true;
        }
        return false;
    }

    @Override
    public void observe(String customerId, List<Identifier> identifiers, ProjectionChanges changes) {
        PersonProfile now = matcher.profile(customerId).orElse(PersonProfile.EMPTY);
        if (now.unchangedBy(identifiers)) return;
        PersonProfile next = now.with(identifiers);
        if (next.equals(now)) return;
        matcher.put(customerId, next);
        changes.profiles.put(customerId, seal.seal(customerId, next.packed()));
        long[] blocks = matcher.blocksOf(next);
        if (!Arrays.equals(blocks, matcher.blocksOf(now))) changes.matchBlocks.put(customerId, blocks);
        if (!Objects.equals(next.postcode(), now.postcode())) changes.postcodeAreas.put(customerId, areas.keysOf(next));
    }

    @Override
    public void merged(String absorbed, String survivor, ProjectionChanges changes) {
        if (matcher.profile(absorbed).isEmpty()) return;
        matcher.merge(absorbed, survivor);
        changes.profiles.put(absorbed, null);
        changes.matchBlocks.put(absorbed, null);
        changes.postcodeAreas.put(absorbed, null);
        matcher.profile(survivor).ifPresent(p -> {
            changes.profiles.put(survivor, seal.seal(survivor, p.packed()));
            changes.matchBlocks.put(survivor, matcher.blocksOf(p));
            changes.postcodeAreas.put(survivor, areas.keysOf(p));
        });
    }

    @Override
    public void forget(String customerId) { matcher.remove(customerId); }

    @Override
    public List<String> inPostcodeAreas(Collection<String> named) {
        return matcher.customersInAreas(areas.keysOfNamed(named), areas::keysOf);
    }

    @Override
    public void splitOff(String part, ProjectionChanges changes) {
        if (matcher.remove(part)) {
            changes.profiles.put(part, null);
            changes.matchBlocks.put(part, null);
            changes.postcodeAreas.put(part, null);
        }
    }
}
