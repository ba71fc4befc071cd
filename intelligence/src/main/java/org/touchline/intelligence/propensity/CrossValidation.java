package org.touchline.intelligence.propensity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * K-fold cross-validation by group, for choosing hyper-parameters on training data only. Every fold trains a fresh
 * model (encoding and rebalancing included) on the other folds and measures AUC and Brier score on its own.
 */
public final class CrossValidation {
    /** Mean AUCs closer than this are not told apart (fold-to-fold spread is typically 10-20 times larger). */
    public static final double AUC_TIE = 0.001;
    private static final ModelVersion FOLD_MODEL = new ModelVersion("cross-validation", 1);

    /** How one candidate did: AUC per held-out fold, their mean and standard deviation, and the mean Brier score. */
    public record Result(HyperParameters parameters, List<Double> foldAuc, double meanAuc, double sdAuc,
                         double meanBrier) {
        public Result {
            foldAuc = List.copyOf(foldAuc);
        }
    }

    private final int folds;
    private final long seed;

    public CrossValidation(int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, was " + folds);
        }
        this.folds = folds;
        this.seed = seed;
    }

    public Result run(HyperParameters parameters, List<Example> training) {
        var trainer = new PropensityTrainer(parameters);
        List<Double> aucs = new ArrayList<>();
        double brier = 0;
        for (Split fold : Splits.foldsByGroup(training, folds, seed)) {
            PropensityModel model = trainer.train(FOLD_MODEL, fold.train());
            double[] probabilities = model.probabilities(fold.test());
            List<Evaluation.Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < probabilities.length; i++) {
                outcomes.add(new Evaluation.Outcome(probabilities[i], fold.test().get(i).label()));
            }
            Evaluation evaluation = Evaluation.of(outcomes);
            aucs.add(evaluation.auc());
            brier += evaluation.brier() / folds;
        }
        double mean = aucs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = aucs.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / (aucs.size() - 1);
        return new Result(parameters, aucs, mean, Math.sqrt(variance), brier);
    }

    /**
     * Every candidate's result, the chosen one first: the highest mean AUC, except that candidates within
     * {@link #AUC_TIE} of it count as tied and the tie goes to the lowest Brier score. Rebalancing, for one, can
     * match a model's AUC while wrecking its calibration. The same folds serve every candidate.
     */
    public List<Result> compare(List<? extends HyperParameters> candidates, List<Example> training) {
        List<Result> results = new ArrayList<>();
        for (HyperParameters candidate : candidates) {
            results.add(run(candidate, training));
        }
        results.sort(Comparator.comparingDouble(Result::meanAuc).reversed());
        double bestAuc = results.get(0).meanAuc();
        Result chosen = results.stream().filter(r -> r.meanAuc() >= bestAuc - AUC_TIE)
                .min(Comparator.comparingDouble(Result::meanBrier)).orElseThrow();
        results.remove(chosen);
        results.add(0, chosen);
        return results;
    }
}
