package org.touchline.intelligence.propensity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Measures churn models on IBM's Telco Customer Churn data with its fixed split: for each algorithm, chooses
 * hyper-parameters by 5-fold cross-validation inside the training part only ({@link CrossValidation#compare}), trains on the whole training part,
 * and reports AUC, precision at the top decile and calibration on the test part (goal: AUC at least 0.85).
 *
 * <p>Usage: {@code java -cp <classpath> org.touchline.intelligence.propensity.TelcoChurnCheck /work/shared/data}
 */
public final class TelcoChurnCheck {
    private static final long SEED = 20261123L;
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo"); // held: the logging keeps loggers weakly

    /**
     * What one algorithm reached: the candidate ranking, the chosen model, its test-part evaluation, and its
     * highest score on the test part (to show the reasons a score carries).
     */
    public record Outcome(List<CrossValidation.Result> ranking, PropensityModel model, Evaluation test, Score highest) {
    }

    private TelcoChurnCheck() {
    }

    public static void main(String[] args) throws IOException {
        TRIBUO_LOG.setLevel(Level.WARNING); // Tribuo reports every fit at INFO
        Path dataRoot = Path.of(args.length > 0 ? args[0] : System.getProperty("touchline.sharedData", "../shared/data"));
        if (!Files.isDirectory(dataRoot.resolve("telco_churn"))) {
            System.err.println("no telco_churn folder under " + dataRoot.toAbsolutePath());
            System.exit(2);
        }
        Split split = TelcoChurnData.fixedSplit(TelcoChurnData.read(dataRoot));
        System.out.printf(Locale.ROOT, "Telco churn, fixed md5 split: train %d rows (%d churned), test %d rows (%d churned)%n",
                split.train().size(), positives(split.train()), split.test().size(), positives(split.test()));
        Outcome logistic = run(split, logisticCandidates());
        report("LOGISTIC", logistic);
        Outcome boosting = run(split, boostingCandidates());
        report("GRADIENT_BOOSTING", boosting);
        paired("boosting", logistic.ranking().get(0), boosting.ranking().get(0));
        Split derived = new Split(TelcoChurnData.withDerivedFeatures(split.train()), TelcoChurnData.withDerivedFeatures(split.test()));
        Outcome logisticDerived = run(derived, logisticCandidates());
        report("LOGISTIC with derived features (log_tenure, services, charge_rise)", logisticDerived);
        paired("logistic regression with derived features", logistic.ranking().get(0), logisticDerived.ranking().get(0));
        Outcome boostingDerived = run(derived, boostingCandidates());
        report("GRADIENT_BOOSTING with derived features", boostingDerived);
        paired("boosting with derived features", logistic.ranking().get(0), boostingDerived.ranking().get(0));
    }

    /**
     * The chosen boosting model against the chosen logistic regression on the same five folds: the per-fold
     * differences of AUC, their mean, and their spread (sample standard deviation). The folds are shared, so the
     * difference's own spread is the one to beat; the spread of either model's AUC alone mostly measures how hard
     * each fold is.
     */
    static void paired(String challengerName, CrossValidation.Result baseline, CrossValidation.Result challenger) {
        int n = baseline.foldAuc().size();
        double[] d = new double[n];
        double mean = 0;
        for (int k = 0; k < n; k++) {
            d[k] = challenger.foldAuc().get(k) - baseline.foldAuc().get(k);
            mean += d[k] / n;
        }
        double variance = 0;
        for (double x : d) {
            variance += (x - mean) * (x - mean) / (n - 1);
        }
        double sd = Math.sqrt(variance);
        System.out.printf(Locale.ROOT, "%n== %s against plain logistic regression, same 5 folds ==%nper-fold AUC difference:", challengerName);
        for (double x : d) {
            System.out.printf(Locale.ROOT, " %+.4f", x);
        }
        System.out.printf(Locale.ROOT, "%nmean %+.4f, spread (sd of the differences) %.4f; spread of each model's fold AUCs %.4f and %.4f%n",
                mean, sd, baseline.sdAuc(), challenger.sdAuc());
        System.out.printf(Locale.ROOT, "margin beyond the paired spread: %s; beyond either model's fold spread: %s%n",
                mean > sd ? "yes" : "no", mean > Math.max(baseline.sdAuc(), challenger.sdAuc()) ? "yes" : "no");
    }

    /** Cross-validates the candidates on the training part, then trains the best and evaluates it on the test part. */
    public static Outcome run(Split split, List<? extends HyperParameters> candidates) {
        List<CrossValidation.Result> ranking = new CrossValidation(5, SEED).compare(candidates, split.train());
        HyperParameters chosen = ranking.get(0).parameters();
        PropensityModel model = new PropensityTrainer(chosen)
                .train(new ModelVersion("telco-churn-" + chosen.algorithm().name().toLowerCase(Locale.ROOT), 1), split.train());
        List<Score> scores = model.score(split.test());
        Score highest = scores.stream().max(Comparator.comparingDouble(Score::probability)).orElseThrow();
        return new Outcome(ranking, model, Evaluation.of(scores, split.test()), highest);
    }

    public static List<HyperParameters.Logistic> logisticCandidates() {
        List<HyperParameters.Logistic> candidates = new ArrayList<>();
        for (int epochs : new int[]{5, 20}) {
            for (double rate : new double[]{0.05, 0.2}) {
                candidates.add(new HyperParameters.Logistic(epochs, rate, 1, Rebalancing.NONE, SEED));
            }
        }
        candidates.add(new HyperParameters.Logistic(10, 0.1, 1, Rebalancing.CLASS_WEIGHTS, SEED));
        candidates.add(new HyperParameters.Logistic(10, 0.1, 1, Rebalancing.OVERSAMPLE, SEED));
        return candidates;
    }

    public static List<HyperParameters.Boosting> boostingCandidates() {
        List<HyperParameters.Boosting> candidates = new ArrayList<>();
        for (int depth : new int[]{2, 3, 4}) {
            for (double minChildWeight : new double[]{1, 5}) {
                candidates.add(new HyperParameters.Boosting(300, 0.03, depth, minChildWeight, 0.8, 0.8, 1.0,
                        Rebalancing.NONE, SEED));
            }
        }
        candidates.add(new HyperParameters.Boosting(300, 0.03, 3, 1, 0.8, 0.8, 1.0, Rebalancing.CLASS_WEIGHTS, SEED));
        return candidates;
    }

    private static void report(String name, Outcome outcome) {
        System.out.printf(Locale.ROOT, "%n== %s ==%ncross-validation on the training part (5 folds by customer), chosen first:%n", name);
        for (CrossValidation.Result r : outcome.ranking()) {
            System.out.printf(Locale.ROOT, "  AUC %.4f ± %.4f  Brier %.4f  %s%n", r.meanAuc(), r.sdAuc(), r.meanBrier(),
                    r.parameters());
        }
        System.out.printf(Locale.ROOT, "chosen, trained on the whole training part as %s; test part:%n%s",
                outcome.model().version(), outcome.test().report());
        System.out.printf(Locale.ROOT, "goal AUC >= 0.85: %s%n", outcome.test().auc() >= 0.85 ? "met" : "NOT met");
        Score highest = outcome.highest();
        System.out.printf(Locale.ROOT, "highest test score: %s %.3f (base log-odds %.3f), top reasons:%n",
                highest.exampleId(), highest.probability(), highest.baseLogOdds());
        for (Contribution c : highest.top()) {
            System.out.printf(Locale.ROOT, "  %+.3f  %s = %s%n", c.logOdds(), c.feature(), c.value());
        }
    }

    private static long positives(List<Example> examples) {
        return examples.stream().filter(Example::label).count();
    }
}
