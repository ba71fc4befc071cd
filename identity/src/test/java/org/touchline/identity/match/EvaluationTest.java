package org.touchline.identity.match;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {
    private static MatchScore score(double p) {
        return new MatchScore(0, p, 0, new int[0], new double[0]);
    }

    @Test
    void pairwiseAndBCubedByHand() {
        // Truth: {a,b,c} one person, {d} and {e} alone. Predicted links: a-b (right) and d-e (wrong).
        List<MatchRecord> records = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d", "e")) records.add(new MatchRecord(id, 0, Map.of()));
        List<ScoredPair> links = List.of(new ScoredPair(0, 1, score(0.99), Decision.LINK),
                new ScoredPair(3, 4, score(0.95), Decision.LINK));
        int[] clusters = {0, 0, 2, 3, 3};
        CandidatePairs candidates = new CandidatePairs(new long[] {CandidatePairs.pack(0, 1), CandidatePairs.pack(0, 2),
                CandidatePairs.pack(3, 4)}, 0, 0);
        MatchRun run = new MatchRun(records, false, candidates, null, 0, links, List.of(), clusters, 0);
        // The truth lists only a-b and b-c; a-c follows by transitivity.
        Evaluation e = Evaluation.of(run, List.of(new TruthPairs.IdPair("a", "b"), new TruthPairs.IdPair("b", "c")));
        assertThat(e.truePairs()).isEqualTo(3);
        assertThat(e.precision()).isEqualTo(0.5);
        assertThat(e.recall()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(e.f1()).isCloseTo(0.4, within(1e-12));
        assertThat(e.pairsCompleteness()).isCloseTo(2 / 3.0, within(1e-12));
        // B-cubed precision: a 1, b 1, c 1, d 1/2, e 1/2 -> 0.8; recall: a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/15.
        assertThat(e.bcubedPrecision()).isCloseTo(0.8, within(1e-12));
        assertThat(e.bcubedRecall()).isCloseTo(11 / 15.0, within(1e-12));
    }

    @Test
    void labelledFitMatchesTheLabels() {
        List<Comparison> cmp = List.of(new NameComparison("surname"));
        List<int[]> levels = List.of(new int[] {1}, new int[] {1}, new int[] {2}, new int[] {5}, new int[] {5},
                new int[] {5}, new int[] {1}, new int[] {0});
        List<Boolean> labels = List.of(true, true, true, false, false, false, false, false);
        MatchModel model = LabelledFit.fit(cmp, levels, labels, null);
        assertThat(model.lambda()).isCloseTo(3 / 8.0, within(1e-12));
        assertThat(model.m(0, 1)).isGreaterThan(model.m(0, 2)).isGreaterThan(model.m(0, 5));
        assertThat(model.u(0, 5)).isGreaterThan(model.u(0, 1));
    }
}
