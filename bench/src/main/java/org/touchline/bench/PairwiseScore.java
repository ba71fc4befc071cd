package org.touchline.bench;

import java.util.Set;

/**
 * Pairwise quality of the pairs an engine linked against the true pairs (closed transitively, across sources when
 * linking: {@code Evaluation.truth}), the one measure both engines are scored by.
 */
record PairwiseScore(long linked, long correct, long truePairs) {
    static PairwiseScore of(Set<Long> linked, Set<Long> truePairs) {
        long correct = 0;
        for (long p : linked) if (truePairs.contains(p)) correct++;
        return new PairwiseScore(linked.size(), correct, truePairs.size());
    }

    double precision() { return linked == 0 ? 0 : correct / (double) linked; }

    double recall() { return truePairs == 0 ? 0 : correct / (double) truePairs; }

    double f1() {
        double p = precision(), r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
