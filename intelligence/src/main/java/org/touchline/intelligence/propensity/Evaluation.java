package org.touchline.intelligence.propensity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How well scores rank and how well they are calibrated, for any list of (score, outcome).
 *
 * @param count                  scored rows
 * @param positives              rows with a positive outcome
 * @param auc                    area under the ROC curve: the chance a random positive outscores a random
 *                               negative, ties counting one half (exact, by mid-ranks)
 * @param roc                    ROC curve, one point per distinct score from the highest down, from (0,0) to (1,1)
 * @param precisionAtTopDecile   share of positives among the highest-scored 10 % (rounded up); rows tied with the
 *                               last one in count as their expected share, as if ties were broken at random
 * @param liftAtTopDecile        that precision over the overall positive rate
 * @param calibration            ten equal-width bins of predicted probability
 * @param brier                  mean squared difference between probability and outcome
 */
public record Evaluation(int count, int positives, double auc, List<RocPoint> roc, double precisionAtTopDecile,
                         double liftAtTopDecile, List<CalibrationBin> calibration, double brier) {

    /** One scored row: a probability and what happened. */
    public record Outcome(double score, boolean positive) {
    }

    /** The rates reached by calling every row scoring at least {@code threshold} positive. */
    public record RocPoint(double threshold, double falsePositiveRate, double truePositiveRate) {
    }

    /** Rows whose probability fell in [lower, upper) (the last bin includes 1): mean probability vs observed rate. */
    public record CalibrationBin(double lower, double upper, int count, double meanPredicted, double observedRate) {
    }

    public Evaluation {
        roc = List.copyOf(roc);
        calibration = List.copyOf(calibration);
    }

    /** Scores must be probabilities in [0, 1]; both outcomes must be present. */
    public static Evaluation of(List<Outcome> outcomes) {
        int n = outcomes.size();
        for (int i = 0; i < n; i++) {
            double s = outcomes.get(i).score();
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("outcome " + i + ": score " + s + " is not a probability in [0, 1]");
            }
        }
        int positives = (int) outcomes.stream().filter(Outcome::positive).count();
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("evaluation needs both outcomes, got " + positives + " positive of " + n);
        }
        Outcome[] byScoreDescending = outcomes.toArray(Outcome[]::new);
        Arrays.sort(byScoreDescending, (a, b) -> Double.compare(b.score(), a.score()));

        double precision = precisionAtTop(byScoreDescending, (n + 9) / 10);
        double baseRate = (double) positives / n;
        return new Evaluation(n, positives, auc(byScoreDescending, positives), roc(byScoreDescending, positives),
                precision, precision / baseRate, calibration(outcomes), brier(outcomes));
    }

    /** Convenience for parallel lists of scores and outcomes. */
    public static Evaluation of(List<Score> scores, List<Example> labelled) {
        if (scores.size() != labelled.size()) {
            throw new IllegalArgumentException(scores.size() + " scores for " + labelled.size() + " examples");
        }
        List<Outcome> outcomes = new ArrayList<>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            Example e = labelled.get(i);
            if (e.label() == null) {
                throw new IllegalArgumentException("example " + e.id() + " has no label to evaluate against");
            }
            if (!scores.get(i).exampleId().equals(e.id())) {
                throw new IllegalArgumentException("score " + i + " is for " + scores.get(i).exampleId()
                        + ", not for example " + e.id());
            }
            outcomes.add(new Outcome(scores.get(i).probability(), e.label()));
        }
        return of(outcomes);
    }

    /** Mann-Whitney U over mid-ranks: each tied block shares its average rank. */
    private static double auc(Outcome[] descending, int positives) {
        int n = descending.length;
        double positiveRankSum = 0; // ranks ascending: the highest score has rank n
        int i = 0;
        while (i < n) {
            int j = i;
            int tiedPositives = 0;
            while (j < n && descending[j].score() == descending[i].score()) {
                tiedPositives += descending[j].positive() ? 1 : 0;
                j++;
            }
            // positions i..j-1 descending are ranks n-i .. n-j+1 ascending; their mean is:
            double midRank = ((n - i) + (n - j + 1)) / 2.0;
            positiveRankSum += tiedPositives * midRank;
            i = j;
        }
        long negatives = n - positives;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static List<RocPoint> roc(Outcome[] descending, int positives) {
        int negatives = descending.length - positives;
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(Double.POSITIVE_INFINITY, 0, 0));
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < descending.length) {
            double threshold = descending[i].score();
            while (i < descending.length && descending[i].score() == threshold) {
                if (descending[i].positive()) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            points.add(new RocPoint(threshold, (double) fp / negatives, (double) tp / positives));
        }
        return points;
    }

    private static double precisionAtTop(Outcome[] descending, int k) {
        double cut = descending[k - 1].score();
        int above = 0;
        int positivesAbove = 0;
        int tied = 0;
        int positivesTied = 0;
        for (Outcome o : descending) {
            if (o.score() > cut) {
                above++;
                positivesAbove += o.positive() ? 1 : 0;
            } else if (o.score() == cut) {
                tied++;
                positivesTied += o.positive() ? 1 : 0;
            }
        }
        double expectedPositives = positivesAbove + (double) (k - above) * positivesTied / tied;
        return expectedPositives / k;
    }

    private static List<CalibrationBin> calibration(List<Outcome> outcomes) {
        int bins = 10;
        int[] count = new int[bins];
        double[] predicted = new double[bins];
        int[] observed = new int[bins];
        for (Outcome o : outcomes) {
            int b = Math.min(bins - 1, (int) (o.score() * bins));
            count[b]++;
            predicted[b] += o.score();
            observed[b] += o.positive() ? 1 : 0;
        }
        List<CalibrationBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            out.add(new CalibrationBin(b / (double) bins, (b + 1) / (double) bins, count[b],
                    count[b] == 0 ? Double.NaN : predicted[b] / count[b],
                    count[b] == 0 ? Double.NaN : (double) observed[b] / count[b]));
        }
        return out;
    }

    private static double brier(List<Outcome> outcomes) {
        double sum = 0;
        for (Outcome o : outcomes) {
            double error = o.score() - (o.positive() ? 1 : 0);
            sum += error * error;
        }
        return sum / outcomes.size();
    }

    /** A few lines for a terminal: the headline figures and the calibration table. */
    public String report() {
        var out = new StringBuilder(String.format(Locale.ROOT,
                "rows %d, positives %d (%.1f %%)%nAUC %.4f   precision@top-decile %.4f   lift@top-decile %.2f   Brier %.4f%n"
                        + "calibration   bin        rows  mean-predicted  observed%n",
                count, positives, 100.0 * positives / count, auc, precisionAtTopDecile, liftAtTopDecile, brier));
        for (CalibrationBin b : calibration) {
            out.append(String.format(Locale.ROOT, "              [%.1f,%.1f)  %5d  %14s  %8s%n", b.lower(), b.upper(),
                    b.count(), b.count() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", b.meanPredicted()),
                    b.count() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", b.observedRate())));
        }
        return out.toString();
    }
}
