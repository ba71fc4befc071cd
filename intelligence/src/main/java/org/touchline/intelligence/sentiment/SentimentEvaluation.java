package org.touchline.intelligence.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How well an analyzer labels a set of messages: accuracy, per-class precision, recall and F1, macro-F1, the
 * confusion matrix, and the same figures for the majority-class baseline on the same set. Written out here rather
 * than taken from Tribuo's evaluator because it must score any {@link SentimentAnalyzer}, including the lexicon,
 * which is not a Tribuo model. A class never predicted has precision 0 (as scikit-learn's default).
 */
public final class SentimentEvaluation {

    private static final Polarity[] CLASSES = Polarity.values();

    private final long[][] confusion;
    private final long total;

    private SentimentEvaluation(long[][] confusion) {
        this.confusion = new long[CLASSES.length][];
        long sum = 0;
        for (int i = 0; i < CLASSES.length; i++) {
            this.confusion[i] = confusion[i].clone();
            for (long count : confusion[i]) {
                if (count < 0) {
                    throw new IllegalArgumentException("confusion count " + count + " is negative");
                }
                sum += count;
            }
        }
        if (sum == 0) {
            throw new IllegalArgumentException("cannot evaluate on an empty set");
        }
        this.total = sum;
    }

    /** Scores {@code analyzer} on {@code set}. */
    public static SentimentEvaluation of(SentimentAnalyzer analyzer, List<LabelledText> set) {
        return ofReader(text -> analyzer.of(text).label(), set);
    }

    /** Scores a reader of polarity on {@code set} (a model measured without a saved form, {@link SentimentCheck}). */
    static SentimentEvaluation ofReader(Function<String, Polarity> reader, List<LabelledText> set) {
        long[][] confusion = new long[CLASSES.length][CLASSES.length];
        for (LabelledText item : set) {
            confusion[item.label().ordinal()][reader.apply(item.text()).ordinal()]++;
        }
        return new SentimentEvaluation(confusion);
    }

    /**
     * From a confusion matrix in {@link Polarity} order: {@code counts[truth][predicted]}.
     */
    public static SentimentEvaluation fromConfusion(long[][] counts) {
        if (counts.length != CLASSES.length) {
            throw new IllegalArgumentException("confusion matrix needs " + CLASSES.length + " rows, got "
                    + counts.length);
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != CLASSES.length) {
                throw new IllegalArgumentException("confusion matrix row " + i + " needs " + CLASSES.length
                        + " columns, got " + counts[i].length);
            }
        }
        return new SentimentEvaluation(counts);
    }

    /** Precision, recall and F1 of one class, with its number of true members (support). */
    public record ClassScores(Polarity label, double precision, double recall, double f1, long support) {
    }

    /** How many messages of class {@code truth} were labelled {@code predicted}. */
    public long count(Polarity truth, Polarity predicted) {
        return confusion[truth.ordinal()][predicted.ordinal()];
    }

    public long size() {
        return total;
    }

    public double accuracy() {
        long right = 0;
        for (int i = 0; i < CLASSES.length; i++) {
            right += confusion[i][i];
        }
        return (double) right / total;
    }

    public ClassScores scores(Polarity label) {
        int c = label.ordinal();
        long predicted = 0;
        long actual = 0;
        for (int i = 0; i < CLASSES.length; i++) {
            predicted += confusion[i][c];
            actual += confusion[c][i];
        }
        double precision = predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
        double recall = actual == 0 ? 0 : (double) confusion[c][c] / actual;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassScores(label, precision, recall, f1, actual);
    }

    public List<ClassScores> perClass() {
        List<ClassScores> all = new ArrayList<>();
        for (Polarity label : CLASSES) {
            all.add(scores(label));
        }
        return List.copyOf(all);
    }

    /** The unweighted mean of the classes' F1. */
    public double macroF1() {
        return perClass().stream().mapToDouble(ClassScores::f1).average().orElse(0);
    }

    /** The most frequent true class (the first in {@link Polarity} order on a tie). */
    public Polarity majorityClass() {
        Polarity best = CLASSES[0];
        for (Polarity label : CLASSES) {
            if (scores(label).support() > scores(best).support()) {
                best = label;
            }
        }
        return best;
    }

    /** What always answering {@link #majorityClass()} would score on the same set. */
    public SentimentEvaluation majorityBaseline() {
        long[][] baseline = new long[CLASSES.length][CLASSES.length];
        int majority = majorityClass().ordinal();
        for (int i = 0; i < CLASSES.length; i++) {
            for (long count : confusion[i]) {
                baseline[i][majority] += count;
            }
        }
        return new SentimentEvaluation(baseline);
    }

    /** A few readable lines: the figures, the per-class scores and the confusion matrix. */
    public String report() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "accuracy %.3f  macro-F1 %.3f  (n=%d)%n",
                accuracy(), macroF1(), total));
        for (ClassScores s : perClass()) {
            out.append(String.format(Locale.ROOT, "  %-8s precision %.3f  recall %.3f  F1 %.3f  support %d%n",
                    s.label(), s.precision(), s.recall(), s.f1(), s.support()));
        }
        out.append("  confusion (rows truth, columns predicted: NEGATIVE NEUTRAL POSITIVE)\n");
        for (Polarity truth : CLASSES) {
            out.append(String.format(Locale.ROOT, "  %-8s %8d %8d %8d%n", truth, count(truth, Polarity.NEGATIVE),
                    count(truth, Polarity.NEUTRAL), count(truth, Polarity.POSITIVE)));
        }
        return out.toString();
    }
}
