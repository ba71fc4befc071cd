package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Matches one record at a time against the known customers: an in-memory index customer id → {@link PersonProfile},
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
 *   <li><b>Memory</b>: per customer the id string, one profile (one small object and one byte array), 4 bytes per
 *   rule of block chain and about 12 bytes of tables; see {@code OnlineMatchBenchmark} for a measured size.</li>
 * </ul>
 * Not thread-safe: the identity graph calls it in ledger order from one thread.
 */
public final class OnlineMatcher {
    private final PersonMatchModel model;
    private final CustomerSlots slots = new CustomerSlots();
    private final OnlineBlockIndex blocks;
    private PersonProfile[] profiles = new PersonProfile[16];

    public OnlineMatcher() { this(PersonMatchModel.defaults()); }

    public OnlineMatcher(PersonMatchModel model) {
        this.model = model;
        this.blocks = new OnlineBlockIndex(model.blocking().size());
    }

    public PersonMatchModel model() { return model; }

    /** Number of customers held. */
    public int size() { return slots.size(); }

    /** Number of distinct blocks (rule and key) in the index, for the benchmark's report. */
    int blocks() { return blocks.blocks(); }

    /** Adds a customer's profile or replaces the one held; only the blocks whose key changed are touched. */
    public void put(String customerId, PersonProfile profile) {
        long[] keys = blockNames(profile);
        int slot = slots.slotOf(customerId);
        if (slot < 0) {
            slot = slots.add(customerId);
            if (slot >= profiles.length) profiles = Arrays.copyOf(profiles, Math.max(slot + 1, profiles.length + (profiles.length >> 1)));
            for (int r = 0; r < keys.length; r++) if (keys[r] != 0) blocks.add(r, keys[r], slot);
        } else {
            long[] old = blockNames(profiles[slot]);
            for (int r = 0; r < keys.length; r++) {
                if (old[r] == keys[r]) continue;
                if (old[r] != 0) blocks.remove(r, old[r], slot);
                if (keys[r] != 0) blocks.add(r, keys[r], slot);
            }
        }
        profiles[slot] = profile;
    }

    /** Forgets a customer (erasure, or absorbed by a merge). True when it was held. */
    public boolean remove(String customerId) {
        int slot = slots.slotOf(customerId);
        if (slot < 0) return false;
        long[] old = blockNames(profiles[slot]);
        for (int r = 0; r < old.length; r++) if (old[r] != 0) blocks.remove(r, old[r], slot);
        profiles[slot] = null;
        slots.remove(slot);
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

    /** Every customer whose profile passes {@code test}, in slot order: a full scan, for rare questions (an outage's area). */
    public List<String> customersWhere(Predicate<PersonProfile> test) {
        List<String> out = new java.util.ArrayList<>();
        for (int slot = 0; slot < slots.limit(); slot++) {
            String id = slots.idOf(slot);
            if (id != null && profiles[slot] != null && test.test(profiles[slot])) out.add(id);
        }
        return out;
    }

    /** The profile held for a customer. */
    public Optional<PersonProfile> profile(String customerId) {
        int slot = slots.slotOf(customerId);
        return slot < 0 ? Optional.empty() : Optional.of(profiles[slot]);
    }

    /**
     * The best known customer for a record, when it scores at least the lower threshold. {@code candidateAllowed}
     * filters candidates before they are scored (customers the record must not join, e.g. ones already merged away
     * or the record's own new customer).
     */
    public Optional<OnlineMatch> best(PersonProfile record, Predicate<String> candidateAllowed) {
        int[] candidates = candidateSlots(record);
        if (candidates.length == 0) return Optional.empty();
        PreparedProfile r = model.prepare(record);
        String bestId = null;
        MatchScore bestScore = null;
        int scored = 0;
        for (int slot : candidates) {
            String id = slots.id(slot);
            if (!candidateAllowed.test(id)) continue;
            scored++;
            MatchScore s = model.score(r, model.prepare(profiles[slot]));
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
        evidence.add(String.format(java.util.Locale.ROOT, "p=%.6f weight=%+.2f prior=%+.2f", bestScore.probability(),
                bestScore.weight(), bestScore.priorWeight()));
        evidence.addAll(bestScore.explain(model.comparisons()));
        return Optional.of(new OnlineMatch(bestId, bestScore, d, evidence, scored, model.version()));
    }

    /** The customers blocking offers for a record (before scoring and filtering), sorted by id: for diagnostics. */
    public List<String> candidates(PersonProfile record) {
        List<String> out = new ArrayList<>();
        for (int slot : candidateSlots(record)) out.add(slots.id(slot));
        out.sort(null);
        return out;
    }

    /** Slots sharing a block with the record under any rule, each once, ascending; none if it is not matchable. */
    private int[] candidateSlots(PersonProfile record) {
        long[] keys = blockNames(record);
        int[] all = new int[0];
        for (int r = 0; r < keys.length; r++) {
            if (keys[r] == 0) continue;
            int[] block = blocks.block(r, keys[r], model.maxBlockSize());
            if (block == null || block.length == 0) continue;
            int n = all.length;
            all = Arrays.copyOf(all, n + block.length);
            System.arraycopy(block, 0, all, n, block.length);
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) if (distinct == 0 || all[distinct - 1] != all[i]) all[distinct++] = all[i];
        return Arrays.copyOf(all, distinct);
    }

    /** The block of a profile under each rule (0: none); unmatchable profiles are in no block. */
    private long[] blockNames(PersonProfile profile) {
        long[] out = new long[model.blocking().size()];
        if (!profile.matchable()) return out;
        List<List<String>> keys = model.blockingKeys(profile.toMatchRecord(""));
        for (int r = 0; r < out.length; r++) if (!keys.get(r).isEmpty()) out[r] = OnlineBlockIndex.hash(r, keys.get(r).get(0));
        return out;
    }
}
