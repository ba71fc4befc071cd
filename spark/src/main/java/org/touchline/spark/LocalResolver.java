package org.touchline.spark;

import org.touchline.domain.Progress;
import org.touchline.identity.match.Blocking;
import org.touchline.identity.match.ConnectedComponents;
import org.touchline.identity.match.MatchRecord;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.identity.match.PersonProfile;
import org.touchline.identity.match.PreparedProfile;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * The same batch resolution in one process, for comparison ({@code touchline spark bench}, and the test that Spark
 * finds the same clusters): the identity module's {@link Blocking} over the model's rules with its block cap (and no
 * pair budget: the online matcher has none), block by block ({@link Blocking#forEachBlock}, so ten million people fit
 * without holding their 700 million pairs), each member prepared once per block as Spark prepares it, each pair
 * decided by {@link BatchResolver#decide} in the first block holding it, links clustered by
 * {@link ConnectedComponents}. Blocks are scored on all cores.
 */
final class LocalResolver {
    private final PersonMatchModel model;

    LocalResolver(PersonMatchModel model) { this.model = model; }

    /** Linked and reviewed pairs (customer ids, smaller first) and each linked customer's cluster (its smallest id). */
    record Run(long candidates, List<String[]> links, List<String[]> reviews, Map<String, String> clusters) {}

    Run run(List<String> customers, List<PersonProfile> profiles, Progress progress) {
        int[] matchable = IntStream.range(0, profiles.size()).filter(i -> profiles.get(i).matchable()).toArray();
        // Match records are made when blocking asks for them, not held: ten million of them are gigabytes of maps.
        List<MatchRecord> records = new AbstractList<>() {
            @Override public MatchRecord get(int i) { return profiles.get(matchable[i]).toMatchRecord(customers.get(matchable[i])); }

            @Override public int size() { return matchable.length; }
        };
        Instant at = Instant.EPOCH;
        ConcurrentLinkedQueue<int[]> decided = new ConcurrentLinkedQueue<>();   // {a, b, 1 link | 2 review}
        long candidates = new Blocking(model.blocking(), model.maxBlockSize(), Integer.MAX_VALUE).forEachBlock(records, progress, block -> {
            PreparedProfile[] prepared = new PreparedProfile[block.size()];
            for (int x = 0; x < block.size(); x++)
                for (int y = x + 1; y < block.size(); y++) {
                    if (!block.firstHolds(x, y)) continue;
                    int a = matchable[block.member(x)], b = matchable[block.member(y)];
                    if (prepared[x] == null) prepared[x] = model.prepare(profiles.get(a));
                    if (prepared[y] == null) prepared[y] = model.prepare(profiles.get(b));
                    boolean aFirst = customers.get(a).compareTo(customers.get(b)) < 0;
                    Optional<BatchResolver.PairDecision> d = aFirst
                            ? BatchResolver.decide(model, customers.get(a), prepared[x], customers.get(b), prepared[y], at)
                            : BatchResolver.decide(model, customers.get(b), prepared[y], customers.get(a), prepared[x], at);
                    d.ifPresent(p -> decided.add(new int[]{a, b, p.link() ? 1 : 2}));
                }
        });
        List<String[]> links = new ArrayList<>(), reviews = new ArrayList<>();
        ConnectedComponents components = new ConnectedComponents(profiles.size());
        BitSet linked = new BitSet(profiles.size());
        for (int[] d : decided) {
            String x = customers.get(d[0]), y = customers.get(d[1]);
            String[] pair = x.compareTo(y) < 0 ? new String[]{x, y} : new String[]{y, x};
            if (d[2] == 1) {
                links.add(pair);
                components.union(d[0], d[1]);
                linked.set(d[0]);
                linked.set(d[1]);
            } else {
                reviews.add(pair);
            }
        }
        // Each linked customer's label: the smallest id in its component, as Clusters gives it.
        Map<Integer, String> smallest = new HashMap<>();
        for (int i = linked.nextSetBit(0); i >= 0; i = linked.nextSetBit(i + 1))
            smallest.merge(components.find(i), customers.get(i), (u, v) -> u.compareTo(v) <= 0 ? u : v);
        Map<String, String> clusters = new HashMap<>();
        for (int i = linked.nextSetBit(0); i >= 0; i = linked.nextSetBit(i + 1)) clusters.put(customers.get(i), smallest.get(components.find(i)));
        return new Run(candidates, links, reviews, clusters);
    }
}
