package org.touchline.identity.match;

import org.touchline.domain.Progress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A labelling session: ask a reviewer about the {@link UncertaintySampling most useful} pairs a batch at a time, refit
 * with every answer so far, ask again. The reviewer is a function of two record indexes: a person at a review screen,
 * or, in an evaluation, the truth file (a simulated reviewer who answers every question correctly).
 */
public final class ActiveLearning {
    /** Questions per round: the model is refitted after each batch. */
    public static final int BATCH = 10;

    private final ProbabilisticMatcher.Compared compared;

    public ActiveLearning(ProbabilisticMatcher.Compared compared) {
        this.compared = compared;
    }

    /** Answers whether two records (by index) are the same entity. */
    @FunctionalInterface
    public interface Reviewer {
        boolean sameEntity(int left, int right);
    }

    /** One round: the questions asked, the answers, and the run after refitting with every answer so far. */
    public record Round(int answers, List<UncertaintySampling.Question> asked, List<Boolean> said, MatchRun run) {}

    /**
     * Asks up to {@code labels} questions in batches of {@link #BATCH}, refitting after each, and reports every round to
     * {@code rounds} (round 0 is the unsupervised run, with nothing asked). Returns the answers given.
     */
    public List<ReviewedPair> run(int labels, Reviewer reviewer, Consumer<Round> rounds,
                                  Progress progress) {
        List<MatchRecord> records = compared.records();
        List<ReviewedPair> answers = new ArrayList<>();
        Set<Long> asked = new HashSet<>();
        MatchRun run = compared.match(answers, progress);
        rounds.accept(new Round(0, List.of(), List.of(), run));
        while (answers.size() < labels) {
            double[] p = compared.probabilities(run, answers);
            List<UncertaintySampling.Question> questions =
                    UncertaintySampling.next(compared, p, compared.linkThreshold(), asked, Math.min(BATCH, labels - answers.size()));
            if (questions.isEmpty()) break;
            List<Boolean> said = new ArrayList<>();
            for (UncertaintySampling.Question q : questions) {
                boolean match = reviewer.sameEntity(q.left(), q.right());
                said.add(match);
                asked.add(CandidatePairs.pack(q.left(), q.right()));
                answers.add(new ReviewedPair(records.get(q.left()).id(), records.get(q.right()).id(), match));
            }
            run = compared.match(answers, progress);
            rounds.accept(new Round(answers.size(), List.copyOf(questions), List.copyOf(said), run));
        }
        return answers;
    }
}
