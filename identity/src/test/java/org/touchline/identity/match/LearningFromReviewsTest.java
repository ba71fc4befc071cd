package org.touchline.identity.match;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.domain.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reviewers' answers train the matcher; active learning chooses what to ask. */
class LearningFromReviewsTest {
    private static ProbabilisticMatcher matcher() throws Exception {
        return ProbabilisticMatcher.of(SyntheticCatalogues.productsConfig());
    }

    @Test
    void withoutAnswersTheRunIsTheUnsupervisedOne() throws Exception {
        SyntheticCatalogues.Catalogues c = SyntheticCatalogues.generate(200, 7);
        MatchRun plain = matcher().run(c.records(), true, Progress.NONE);
        MatchRun none = matcher().run(c.records(), true, List.of(), Progress.NONE);
        assertThat(decided(none.links())).isEqualTo(decided(plain.links()));
        assertThat(decided(none.reviews())).isEqualTo(decided(plain.reviews()));
        assertThat(none.model().m()).isDeepEqualTo(plain.model().m());
    }

    private static List<String> decided(List<ScoredPair> pairs) {
        return pairs.stream().map(p -> p.left() + "~" + p.right() + " " + p.probability() + " " + p.decision()).toList();
    }

    @Test
    void anAnsweredPairIsDecidedAsTheReviewerSaid() throws Exception {
        SyntheticCatalogues.Catalogues c = SyntheticCatalogues.generate(200, 11);
        MatchRun plain = matcher().run(c.records(), true, Progress.NONE);
        ScoredPair linked = plain.links().get(0);
        String left = c.records().get(linked.left()).id(), right = c.records().get(linked.right()).id();
        // Rejected: never linked. Accepted, a pair blocking never proposed: linked.
        MatchRun run = matcher().run(c.records(), true,
                List.of(new ReviewedPair(left, right, false), new ReviewedPair("a3", "b150", true)), Progress.NONE);
        Set<String> links = new HashSet<>();
        for (ScoredPair p : run.links()) links.add(c.records().get(p.left()).id() + "~" + c.records().get(p.right()).id());
        assertThat(links).doesNotContain(left + "~" + right).contains("a3~b150");
    }

    @Test
    void anAnswerAboutUnknownRecordsIsAnErrorNamingThem() throws Exception {
        SyntheticCatalogues.Catalogues c = SyntheticCatalogues.generate(50, 3);
        assertThatThrownBy(() -> matcher().run(c.records(), true, List.of(new ReviewedPair("a1", "zz9", true)), Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a1 / zz9");
    }

    @Test
    void answersOnAPatternMoveItsWeightTowardsThem() {
        ReviewedPatterns patterns = new ReviewedPatterns();
        long pattern = ReviewedPatterns.key(new int[]{2, 5, 3});
        assertThat(patterns.adjustment(pattern, 10)).isZero();
        for (int i = 0; i < 3; i++) patterns.add(pattern, false);
        assertThat(10 + patterns.adjustment(pattern, 10)).isLessThan(10).isGreaterThan(0); // three answers temper a sure model
        for (int i = 0; i < 17; i++) patterns.add(pattern, false);
        assertThat(10 + patterns.adjustment(pattern, 10)).isLessThan(0); // twenty overturn it
        assertThat(patterns.adjustment(ReviewedPatterns.key(new int[]{2, 5, 4}), 10)).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 19, 2026})
    void activeLearningAsksEachPairOnceAndDoesNotLoseQuality(long seed) throws Exception {
        SyntheticCatalogues.Catalogues c = SyntheticCatalogues.generate(240, seed);
        ProbabilisticMatcher.Compared compared = matcher().compare(c.records(), true, Progress.NONE);
        Set<Long> truePairs = Evaluation.truth(c.records(), true, c.truth()).pairs();
        List<ActiveLearning.Round> rounds = new ArrayList<>();
        Set<Long> asked = new HashSet<>();
        List<ReviewedPair> answers = new ActiveLearning(compared).run(40,
                (a, b) -> truePairs.contains(CandidatePairs.pack(a, b)), rounds::add, Progress.NONE);
        for (ActiveLearning.Round r : rounds)
            for (UncertaintySampling.Question q : r.asked()) assertThat(asked.add(CandidatePairs.pack(q.left(), q.right()))).isTrue();
        assertThat(answers).hasSize(40);
        assertThat(rounds.get(0).answers()).isZero();
        assertThat(rounds.get(rounds.size() - 1).answers()).isEqualTo(40);
        double before = Evaluation.of(rounds.get(0).run(), c.truth()).f1();
        double after = Evaluation.of(rounds.get(rounds.size() - 1).run(), c.truth()).f1();
        assertThat(after).isGreaterThanOrEqualTo(before);
    }

    @Test
    void reviewDecisionsAreReadFromCsv(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reviews.csv");
        Files.writeString(file, "first_id,second_id,decision,probability\na1,b1,accept,0.61\na2,b9,Rejected,0.55\na3,b3,,0.4\n");
        assertThat(ReviewedPair.read(file)).containsExactly(new ReviewedPair("a1", "b1", true), new ReviewedPair("a2", "b9", false));
    }

    @Test
    void anUnreadableDecisionNamesItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reviews.csv");
        Files.writeString(file, "first_id,second_id,decision\na1,b1,accept\na2,b9,perhaps\n");
        assertThatThrownBy(() -> ReviewedPair.read(file)).hasMessageContaining("line 3").hasMessageContaining("'perhaps'");
    }
}
