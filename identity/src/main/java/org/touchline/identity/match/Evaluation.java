package org.touchline.identity.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Quality of a match run against the truth. Pairwise: the linked pairs against the true pairs (the true pairs are
 * closed transitively, so two duplicates of one original are a true pair too; when linking two sources only pairs
 * across the sources count). B-cubed (Bagga and Baldwin 1998): per record, the share of its predicted cluster that
 * is truly its entity (precision) and the share of its entity that is in its predicted cluster (recall), averaged
 * over all records. Pairs completeness: the share of true pairs blocking kept as candidates.
 */
public record Evaluation(long truePairs, long predictedPairs, long correctPairs, double precision, double recall,
                         double f1, double bcubedPrecision, double bcubedRecall, double bcubedF1, long candidatePairs,
                         double pairsCompleteness, long reviewPairs, long reviewTruePairs, int unknownIds) {

    /** The true pairs as packed record-index pairs (see {@link CandidatePairs#pack}), closed transitively. */
    public record Truth(Set<Long> pairs, int[] labels, int unknownIds) {}

    public static Truth truth(MatchRun run, List<TruthPairs.IdPair> truth) {
        return truth(run.records(), run.link(), truth);
    }

    /** The same for records matched by anything else (another engine, in a benchmark), so both are scored alike. */
    public static Truth truth(List<MatchRecord> records, boolean link, List<TruthPairs.IdPair> truth) {
        Map<String, Integer> first = new HashMap<>(), second = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            MatchRecord r = records.get(i);
            (link && r.source() == 1 ? second : first).put(r.id(), i);
            if (!link) second.put(r.id(), i);
        }
        ConnectedComponents truthComponents = new ConnectedComponents(records.size());
        int unknown = 0;
        for (TruthPairs.IdPair p : truth) {
            Integer a = first.get(p.first()), b = second.get(p.second());
            if (a == null || b == null) { // some files list the second source first
                a = second.get(p.first());
                b = first.get(p.second());
            }
            if (a == null || b == null) {
                unknown++;
                continue;
            }
            truthComponents.union(a, b);
        }
        int[] truthLabels = truthComponents.labels();
        Set<Long> truePairs = new HashSet<>();
        for (List<Integer> members : clusters(truthLabels).values()) {
            for (int x = 0; x < members.size(); x++)
                for (int y = x + 1; y < members.size(); y++) {
                    int a = members.get(x), b = members.get(y);
                    if (link && records.get(a).source() == records.get(b).source()) continue;
                    truePairs.add(CandidatePairs.pack(a, b));
                }
        }
        return new Truth(truePairs, truthLabels, unknown);
    }

    public static Evaluation of(MatchRun run, List<TruthPairs.IdPair> truthPairs) {
        List<MatchRecord> records = run.records();
        Truth truth = truth(run, truthPairs);
        Set<Long> truePairs = truth.pairs();
        int[] truthLabels = truth.labels();
        int unknown = truth.unknownIds();
        Map<Integer, List<Integer>> truthClusters = clusters(truthLabels);
        long correct = 0;
        for (ScoredPair p : run.links()) if (truePairs.contains(CandidatePairs.pack(p.left(), p.right()))) correct++;
        long reviewTrue = 0;
        for (ScoredPair p : run.reviews()) if (truePairs.contains(CandidatePairs.pack(p.left(), p.right()))) reviewTrue++;
        long blocked = 0;
        for (long p : truePairs) if (run.candidates().contains((int) (p >>> 32), (int) p)) blocked++;
        double precision = ratio(correct, run.links().size());
        double recall = ratio(correct, truePairs.size());

        // B-cubed over all records.
        Map<Integer, List<Integer>> predicted = clusters(run.clusters());
        double bp = 0, br = 0;
        for (int i = 0; i < records.size(); i++) {
            List<Integer> mine = predicted.get(run.clusters()[i]);
            List<Integer> real = truthClusters.get(truthLabels[i]);
            Set<Integer> realSet = new HashSet<>(real);
            long both = mine.stream().filter(realSet::contains).count();
            bp += both / (double) mine.size();
            br += both / (double) real.size();
        }
        bp /= Math.max(1, records.size());
        br /= Math.max(1, records.size());
        return new Evaluation(truePairs.size(), run.links().size(), correct, precision, recall, f1(precision, recall),
                bp, br, f1(bp, br), run.candidates().size(), ratio(blocked, truePairs.size()), run.reviews().size(),
                reviewTrue, unknown);
    }

    private static Map<Integer, List<Integer>> clusters(int[] labels) {
        Map<Integer, List<Integer>> out = new HashMap<>();
        for (int i = 0; i < labels.length; i++) out.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        return out;
    }

    private static double ratio(long a, long b) { return b == 0 ? 0 : a / (double) b; }

    private static double f1(double p, double r) { return p + r == 0 ? 0 : 2 * p * r / (p + r); }
}
