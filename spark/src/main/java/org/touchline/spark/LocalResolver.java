package org.touchline.spark;

import org.touchline.domain.Progress;
import org.touchline.identity.match.Blocking;
import org.touchline.identity.match.CandidatePairs;
import org.touchline.identity.match.ConnectedComponents;
import org.touchline.identity.match.MatchRecord;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.identity.match.PersonProfile;
import org.touchline.identity.match.PreparedProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The same batch resolution in one process, for comparison ({@code touchline spark bench}, and the test that Spark
 * finds the same clusters): the identity module's in-memory {@link Blocking} over the model's rules with its block cap
 * (and no pair budget: the online matcher has none), each candidate decided by {@link BatchResolver#decide}, links
 * clustered by {@link ConnectedComponents}. Candidates are scored on all cores.
 */
final class LocalResolver {
    private final PersonMatchModel model;

    LocalResolver(PersonMatchModel model) { this.model = model; }

    /** Linked and reviewed pairs (customer ids, smaller first) and each linked customer's cluster (its smallest id). */
    record Run(long candidates, List<String[]> links, List<String[]> reviews, java.util.Map<String, String> clusters) {}

    Run run(List<String> customers, List<PersonProfile> profiles, Progress progress) {
        List<Integer> matchable = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) if (profiles.get(i).matchable()) matchable.add(i);
        List<MatchRecord> records = new ArrayList<>(matchable.size());
        for (int i : matchable) records.add(profiles.get(i).toMatchRecord(customers.get(i)));
        CandidatePairs candidates = new Blocking(model.blocking(), model.maxBlockSize(), Integer.MAX_VALUE).candidates(records, false, progress);
        Instant at = Instant.EPOCH;
        // Prepared once each, as Spark prepares each member once per block.
        PreparedProfile[] prepared = new PreparedProfile[profiles.size()];
        IntStream.range(0, matchable.size()).parallel().forEach(i -> prepared[matchable.get(i)] = model.prepare(profiles.get(matchable.get(i))));
        int n = candidates.size();
        byte[] decided = new byte[n];   // 0 nothing, 1 link, 2 review
        IntStream.range(0, n).parallel().forEach(k -> {
            int a = matchable.get(candidates.left(k)), b = matchable.get(candidates.right(k));
            boolean aFirst = customers.get(a).compareTo(customers.get(b)) < 0;
            int x = aFirst ? a : b, y = aFirst ? b : a;
            Optional<BatchResolver.PairDecision> d = BatchResolver.decide(model, customers.get(x), prepared[x], customers.get(y), prepared[y], at);
            if (d.isPresent()) decided[k] = (byte) (d.get().link() ? 1 : 2);
        });
        List<String[]> links = new ArrayList<>(), reviews = new ArrayList<>();
        ConnectedComponents components = new ConnectedComponents(profiles.size());
        java.util.BitSet linked = new java.util.BitSet(profiles.size());
        for (int k = 0; k < n; k++) {
            if (decided[k] == 0) continue;
            int a = matchable.get(candidates.left(k)), b = matchable.get(candidates.right(k));
            String x = customers.get(a), y = customers.get(b);
            String[] pair = x.compareTo(y) < 0 ? new String[]{x, y} : new String[]{y, x};
            if (decided[k] == 1) {
                links.add(pair);
                components.union(a, b);
                linked.set(a);
                linked.set(b);
            } else {
                reviews.add(pair);
            }
        }
        // Each linked customer's label: the smallest id in its component, as Clusters gives it.
        java.util.Map<Integer, String> smallest = new java.util.HashMap<>();
        for (int i = linked.nextSetBit(0); i >= 0; i = linked.nextSetBit(i + 1))
            smallest.merge(components.find(i), customers.get(i), (u, v) -> u.compareTo(v) <= 0 ? u : v);
        java.util.Map<String, String> clusters = new java.util.HashMap<>();
        for (int i = linked.nextSetBit(0); i >= 0; i = linked.nextSetBit(i + 1)) clusters.put(customers.get(i), smallest.get(components.find(i)));
        return new Run(n, links, reviews, clusters);
    }
}
