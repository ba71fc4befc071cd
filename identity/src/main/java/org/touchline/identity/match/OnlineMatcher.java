package org.touchline.identity.match;

import org.touchline.domain.state.CacheStats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Matches one record at a time against the known customers: an index customer id → {@link PersonProfile},
 * blocked by the model's rules (an OR, see {@link PersonMatchModel#DEFAULT_BLOCKING}), scored by its Fellegi-Sunter
 * model. For the identity graph: a record whose strong identifiers nobody holds yet is first offered to
 * {@link #best}; at or above the upper threshold it joins that customer, between the thresholds it goes to review.
 * <ul>
 *   <li><b>Who is matched</b>: a record with a name plus at least one of date of birth, postcode or address
 *   ({@link PersonProfile#matchable()}); any other record gets no candidate. Known profiles that are not matchable are
 *   kept (so they can be updated) but sit in no block.</li>
 *   <li><b>Block cap</b>: a block holding more than {@link PersonMatchModel#maxBlockSize()} customers (a very common
 *   surname in a birth year) is not scored at all, and finding that out costs at most that many steps, so one common
 *   key cannot make a lookup slow; the other rules, which are narrower, find the true match. At most
 *   rules × cap customers are scored per lookup.</li>
 *   <li><b>Deterministic</b>: the same calls in the same order give the same answers. The best candidate is the
 *   highest match weight; equal weights go to the smaller customer id.</li>
 *   <li><b>Where</b>: the profiles and their blocks live in a {@link ProfileIndex}: in memory
 *   ({@link MemoryProfileIndex}), or in the store with a bounded cache of opened profiles (a node's).</li>
 * </ul>
 * Not thread-safe: the identity graph calls it in ledger order from one thread.
 */
public final class OnlineMatcher {
    private final PersonMatchModel model;
    private final ProfileIndex index;

    public OnlineMatcher() { this(PersonMatchModel.defaults()); }

    /** A matcher that keeps its profiles in memory. */
    public OnlineMatcher(PersonMatchModel model) { this(model, new MemoryProfileIndex(model.blocking().size())); }

    /** A matcher over {@code index} (the node's keeps profiles in the store). */
    public OnlineMatcher(PersonMatchModel model, ProfileIndex index) {
        this.model = model;
        this.index = index;
    }

    public PersonMatchModel model() { return model; }

    /** Number of customers held (in memory). */
    public int size() { return memory().size(); }

    /** Number of distinct blocks (rule and key) in the index, for the benchmark's report. */
    int blocks() { return memory().blocks(); }

    private MemoryProfileIndex memory() {
        if (index instanceof MemoryProfileIndex m) return m;
        throw new IllegalStateException("this matcher's profiles are in the store");
    }

    /** Adds a customer's profile or replaces the one held; only the blocks whose key changed are touched. */
    public void put(String customerId, PersonProfile profile) {
        long[] before = index.profile(customerId).map(this::blocksOf).orElse(new long[model.blocking().size()]);
        index.put(customerId, profile, before, blocksOf(profile));
    }

    /** Forgets a customer (erasure, or absorbed by a merge). True when it was held. */
    public boolean remove(String customerId) {
        Optional<PersonProfile> held = index.profile(customerId);
        if (held.isEmpty()) return false;
        index.remove(customerId, blocksOf(held.get()));
        return true;
    }

    /**
     * Two customers became one: the survivor's profile takes the absorbed one's missing values and contacts
     * ({@link PersonProfile#mergedWith}) and the absorbed customer is forgotten. Either may be unknown here.
     */
    public void merge(String absorbed, String survivor) {
        Optional<PersonProfile> gone = profile(absorbed);
        if (gone.isEmpty()) return;
        PersonProfile merged = profile(survivor).map(p -> p.mergedWith(gone.get())).orElse(gone.get());
        remove(absorbed);
        put(survivor, merged);
    }

    /** Reads ahead the profiles of customers about to be looked up. */
    public void prefetch(Collection<String> customerIds) { index.prefetch(customerIds); }

    /** How the profile index's cache did, if it has one. */
    public List<CacheStats> cacheStats() { return index.cacheStats(); }

    /** A new customer: known to have no profile yet. */
    public void created(String customerId) { index.created(customerId); }

    /** Every customer whose profile is in any of the postcode areas {@code areaKeys} (see {@link ProfileIndex#customersInAreas}). */
    public List<String> customersInAreas(Collection<String> areaKeys, Function<PersonProfile, List<String>> keysOf) {
        return index.customersInAreas(areaKeys, keysOf);
    }

    /** The profile held for a customer. */
    public Optional<PersonProfile> profile(String customerId) { return index.profile(customerId); }

    /**
     * The best known customer for a record, when it scores at least the lower threshold. {@code candidateAllowed}
     * filters candidates before they are scored (customers the record must not join, e.g. ones already merged away
     * or the record's own new customer).
     */
    public Optional<OnlineMatch> best(PersonProfile record, Predicate<String> candidateAllowed) {
        return best(record, candidates(record), candidateAllowed);
    }

    /** As {@link #best(PersonProfile, Predicate)}, with the record's {@link #candidates} already found. */
    public Optional<OnlineMatch> best(PersonProfile record, List<String> candidates, Predicate<String> candidateAllowed) {
        if (candidates.isEmpty()) return Optional.empty();
        index.prefetch(candidates);
        PreparedProfile r = model.prepare(record);
        String bestId = null;
        MatchScore bestScore = null;
        int scored = 0;
        for (String id : candidates) {
            if (!candidateAllowed.test(id)) continue;
            scored++;
            MatchScore s = model.score(r, model.prepare(index.profile(id).orElseThrow()));
            if (bestScore == null || s.weight() > bestScore.weight()
                    || (s.weight() == bestScore.weight() && id.compareTo(bestId) < 0)) {
                bestId = id;
                bestScore = s;
            }
        }
        if (bestScore == null) return Optional.empty();
        Decision d = model.thresholds().route(bestScore.probability());
        if (d == Decision.NO_LINK) return Optional.empty();
        List<String> evidence = new ArrayList<>();
        evidence.add(String.format(Locale.ROOT, "p=%.6f weight=%+.2f prior=%+.2f", bestScore.probability(),
                bestScore.weight(), bestScore.priorWeight()));
        evidence.addAll(bestScore.explain(model.comparisons()));
        return Optional.of(new OnlineMatch(bestId, bestScore, d, evidence, scored, model.version()));
    }

    /**
     * The customers blocking offers for a record (before scoring and filtering), each once, sorted by id; none if it is
     * not matchable. The best candidate does not depend on this order: ties in weight go to the smaller id.
     */
    public List<String> candidates(PersonProfile record) {
        long[] keys = blocksOf(record);
        TreeSet<String> all = new TreeSet<>();
        for (int r = 0; r < keys.length; r++) {
            if (keys[r] == 0) continue;
            List<String> block = index.block(r, keys[r], model.maxBlockSize());
            if (block != null) all.addAll(block);
        }
        return new ArrayList<>(all);
    }

    /** The block of a profile under each rule (0: none); unmatchable profiles are in no block. */
    public long[] blocksOf(PersonProfile profile) {
        long[] out = new long[model.blocking().size()];
        if (!profile.matchable()) return out;
        List<List<String>> keys = model.blockingKeys(profile.toMatchRecord(""));
        for (int r = 0; r < out.length; r++) if (!keys.get(r).isEmpty()) out[r] = OnlineBlockIndex.hash(r, keys.get(r).get(0));
        return out;
    }
}
