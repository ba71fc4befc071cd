package org.touchline.intelligence.sentiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.Function;

import org.tribuo.classification.liblinear.LinearClassificationType.LinearType;

/**
 * Measures sentiment quality on the shared airline tweets, keeping the 20 % test part for the final figures only:
 * <ol>
 *   <li>the default analyzer (customer-care lexicon, no training) on the 80 % training part, where its rules are
 *   judged, then once on the test part, beside VADER as published and the majority class;</li>
 *   <li>the learned model: its cost chosen by five-fold cross-validation on the training part (every cost tried is
 *   printed), fitted on the whole training part and scored once on the test part;</li>
 *   <li>the learning curve, inside the training part: a fifth of it held out, the model trained on the first N of the
 *   rest (seeded shuffle) as a company with N rated messages would be, against the default on the same fifth; it
 *   says how many rated messages a learned model needs to beat the default.</li>
 * </ol>
 *
 * <p>Usage: {@code java -cp <classpath> org.touchline.intelligence.sentiment.SentimentCheck /work/shared/data
 * [--compare]}; {@code --compare} also cross-validates, on the training part only, the variants the learner was
 * chosen against (no character n-grams, classes not weighted, features seen once kept). {@code --cv} cross-validates
 * named variants on the training part, {@code --final} reads one candidate once on the test part, and
 * {@code --learner-cv} prints the learner's own cross-validation (both models' costs) on the training part.
 */
public final class SentimentCheck {

    /** Training-set sizes of the learning curve: a company's rated messages, from a few weeks' to a few years'. */
    static final int[] LEARNING_CURVE = {100, 200, 400, 800, 1600, 3200, 6400};
    private static final long LEARNING_CURVE_SEED = 20261206L;

    private SentimentCheck() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: SentimentCheck <shared data folder> [--compare]");
            System.exit(2);
        }
        Path csv = Path.of(args[0]).resolve(AirlineTweets.FILE);
        if (!Files.isRegularFile(csv)) {
            System.err.println("no such file: " + csv);
            System.exit(2);
        }
        boolean compare = List.of(args).contains("--compare");
        List<AirlineTweets.Tweet> tweets = AirlineTweets.read(csv);
        List<LabelledText> train = tweets.stream().filter(t -> !t.inTestPart()).map(AirlineTweets.Tweet::labelled)
                .toList();
        if (List.of(args).contains("--learner-cv")) {
            long start = System.nanoTime();
            SentimentLearner.CostChoice choice = new SentimentLearner().choose(train);
            System.out.printf(Locale.ROOT, "the learner's cross-validation on the training part (%.1f s)%n",
                    (System.nanoTime() - start) / 1e9);
            printChoice(choice);
            return;
        }
        int cv = List.of(args).indexOf("--cv");
        if (cv >= 0) {
            int costsAt = List.of(args).indexOf("--costs");
            double[] costs = costsAt < 0 ? SentimentLearner.COSTS
                    : Arrays.stream(args[costsAt + 1].split(",")).mapToDouble(Double::parseDouble).toArray();
            crossValidateVariants(List.of(args[cv + 1].split(",")), costs, train);
            return;
        }
        int last = List.of(args).indexOf("--final");
        if (last >= 0) {
            finalCandidate(args[last + 1], train, tweets.stream().filter(AirlineTweets.Tweet::inTestPart)
                    .map(AirlineTweets.Tweet::labelled).toList());
            return;
        }
        List<LabelledText> test = tweets.stream().filter(AirlineTweets.Tweet::inTestPart)
                .map(AirlineTweets.Tweet::labelled).toList();
        System.out.printf(Locale.ROOT, "%s: %d tweets, train %d, test %d%n%n", csv, tweets.size(), train.size(),
                test.size());

        LexiconSentimentAnalyzer care = LexiconSentimentAnalyzer.customerCare();
        System.out.printf(Locale.ROOT, "default analyzer (customer-care lexicon and rules, no training), training part%n%s%n",
                SentimentEvaluation.of(care, train).report());
        SentimentEvaluation lexicon = SentimentEvaluation.of(care, test);
        System.out.printf(Locale.ROOT, "default analyzer, test part%n%s%n", lexicon.report());
        SentimentEvaluation vader = SentimentEvaluation.of(new LexiconSentimentAnalyzer(), test);
        System.out.printf(Locale.ROOT, "VADER as published (its lexicon and rules), test part%n%s%n", vader.report());
        System.out.printf(Locale.ROOT, "majority class (%s), test part%n%s%n", lexicon.majorityClass(),
                lexicon.majorityBaseline().report());

        long start = System.nanoTime();
        SentimentLearner learner = new SentimentLearner();
        SentimentLearner.CostChoice choice = learner.choose(train);
        System.out.println("learned model (logistic regression, word and character n-grams, the default's reading): "
                + "cost by 5-fold cross-validation on the training part");
        printChoice(choice);
        TrainedSentimentAnalyzer trained = learner.train(train, choice.chosen(), choice.naiveBayesChosen());
        double seconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        SentimentEvaluation learned = SentimentEvaluation.of(trained, test);
        double reading = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "learned model, cost %s, trained on the whole training part (%.1f s with the "
                + "cross-validation; it read the test part at %,.0f messages/s on one thread), test part%n%s%n",
                choice.chosen(), seconds, test.size() / reading, learned.report());

        if (compare) {
            SentimentLearner.Algorithm logistic = SentimentLearner.Algorithm.LOGISTIC_REGRESSION;
            int min = SentimentLearner.MIN_MESSAGES_PER_FEATURE;
            compare("without character n-grams", new SentimentLearner(logistic, 1L, true, false, min), train);
            compare("classes not weighted", new SentimentLearner(logistic, 1L, false, true, min), train);
            compare("every feature kept, even one seen once", new SentimentLearner(logistic, 1L, true, true, 1), train);
        }
        learningCurve(train);
    }

    private static void printChoice(SentimentLearner.CostChoice choice) {
        for (SentimentLearner.CrossValidated c : choice.tried()) {
            System.out.printf(Locale.ROOT, "  cost %-5s macro-F1 %.4f ± %.4f  folds %s%s%n", c.cost(), c.meanMacroF1(),
                    c.sdMacroF1(), folds(c), c.cost() == choice.chosen() ? "  (chosen)" : "");
        }
        for (SentimentLearner.CrossValidated c : choice.naiveBayesTried()) {
            System.out.printf(Locale.ROOT, "  averaged with NB-LR of cost %-5s macro-F1 %.4f ± %.4f  folds %s%s%n",
                    c.cost(), c.meanMacroF1(), c.sdMacroF1(), folds(c),
                    c.cost() == choice.naiveBayesChosen() ? "  (chosen)" : "");
        }
    }

    private static String folds(SentimentLearner.CrossValidated c) {
        StringJoiner folds = new StringJoiner(" ");
        c.folds().forEach(f -> folds.add(String.format(Locale.ROOT, "%.4f", f)));
        return folds.toString();
    }

    /** A variant, judged on the training part only: it lost, or it would be the learner. */
    private static void compare(String name, SentimentLearner variant, List<LabelledText> train) {
        System.out.println("variant " + name + ": 5-fold cross-validation on the training part");
        printChoice(variant.choose(train));
    }

    /**
     * Only the five-fold cross-validation on the training part (the test part is not read) of each named variant,
     * every cost printed with its folds, and each variant's best against the first variant's best fold by fold
     * (same seeded folds): the paired difference's mean and standard deviation over the five folds. A variant is
     * "base" or changes to it joined by "+": nochar, chars=A-B, sublinear, mentions, words=N (longest word n-gram),
     * charweight=W (the character block's length against the word block's 1), care=W (a factor on the default's
     * reading), classpower=P (class weights raised to P), tol=T (LIBLINEAR's tolerance), numbers (kept as written),
     * signals (a shouted word, an elongated word), unweighted, singletons,
     * solver=L2R_LR_DUAL (any LIBLINEAR type), nblr (NB-weighted logistic regression, {@link PolarityRatios}) and
     * with it beta=B (the interpolation), binary (features present as 1 before the ratios scale them) and
     * ensemble=C (NB-LR's probabilities averaged with the current model's at cost C); "@1/3/10" after it gives that
     * variant its own costs.
     */
    private static void crossValidateVariants(List<String> variants, double[] costs, List<LabelledText> train) {
        List<Double> reference = null;
        for (String variant : variants) {
            long start = System.nanoTime();
            int at = variant.indexOf('@');
            double[] own = at < 0 ? costs
                    : Arrays.stream(variant.substring(at + 1).split("/")).mapToDouble(Double::parseDouble).toArray();
            SentimentLearner.CostChoice choice = variant(at < 0 ? variant : variant.substring(0, at), own)
                    .choose(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "variant %s: 5-fold cross-validation on the training part (%.1f s)%n",
                    variant, seconds);
            SentimentLearner.CrossValidated best = null;
            for (SentimentLearner.CrossValidated c : choice.tried()) {
                StringJoiner folds = new StringJoiner(" ");
                c.folds().forEach(f -> folds.add(String.format(Locale.ROOT, "%.4f", f)));
                System.out.printf(Locale.ROOT, "  cost %-5s macro-F1 %.4f ± %.4f  folds %s%s%n", c.cost(),
                        c.meanMacroF1(), c.sdMacroF1(), folds, c.cost() == choice.chosen() ? "  (chosen)" : "");
                if (c.cost() == choice.chosen()) {
                    best = c;
                }
            }
            if (reference == null) {
                reference = best.folds();
            } else {
                double[] d = new double[reference.size()];
                double mean = 0;
                for (int i = 0; i < d.length; i++) {
                    d[i] = best.folds().get(i) - reference.get(i);
                    mean += d[i] / d.length;
                }
                double variance = 0;
                for (double x : d) {
                    variance += (x - mean) * (x - mean) / (d.length - 1);
                }
                System.out.printf(Locale.ROOT, "  against %s, fold by fold: %+.4f ± %.4f%n", variants.get(0), mean,
                        Math.sqrt(variance));
            }
            System.out.flush();
        }
    }

    /**
     * A final candidate, its cost already chosen by {@code --cv}: fitted on the whole training part and read once on
     * the test part, to report it.
     */
    private static void finalCandidate(String candidate, List<LabelledText> train, List<LabelledText> test) {
        int at = candidate.indexOf('@');
        double cost = Double.parseDouble(candidate.substring(at + 1));
        long start = System.nanoTime();
        SentimentLearner learner = variant(candidate.substring(0, at), new double[] {cost});
        SentimentEvaluation learned;
        double seconds;
        double reading;
        if (learner.naiveBayesWeighted()) {
            Function<String, Polarity> reader = learner.fitToMeasure(train, cost);
            seconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            learned = SentimentEvaluation.ofReader(reader, test);
            reading = (System.nanoTime() - start) / 1e9;
        } else {
            TrainedSentimentAnalyzer trained = learner.train(train, cost);
            seconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            learned = SentimentEvaluation.of(trained, test);
            reading = (System.nanoTime() - start) / 1e9;
        }
        System.out.printf(Locale.ROOT, "final candidate %s, trained on the whole training part in %.1f s, read the "
                + "test part at %,.0f messages/s on one thread%n%s%n", candidate, seconds, test.size() / reading,
                learned.report());
    }

    private static SentimentLearner variant(String name, double[] costs) {
        boolean characters = true;
        int shortest = SentimentFeatures.SHORTEST_CHARACTERS;
        int longest = SentimentFeatures.LONGEST_CHARACTERS;
        boolean sublinear = false;
        boolean mentions = false;
        int words = 2;
        double charWeight = 1.0;
        double care = 1.0;
        boolean numbers = false;
        boolean signals = false;
        double classPower = 1;
        double tolerance = SentimentLearner.TOLERANCE;
        boolean balanced = true;
        int min = SentimentLearner.MIN_MESSAGES_PER_FEATURE;
        LinearType solver = LinearType.L2R_LR;
        boolean naiveBayes = false;
        double beta = 1;
        boolean binary = false;
        double ensemble = Double.NaN;
        for (String change : name.split("\\+")) {
            if (change.equals("base")) {
                continue;
            } else if (change.equals("nochar")) {
                characters = false;
            } else if (change.startsWith("chars=")) {
                String[] range = change.substring("chars=".length()).split("-");
                shortest = Integer.parseInt(range[0]);
                longest = Integer.parseInt(range[1]);
            } else if (change.equals("sublinear")) {
                sublinear = true;
            } else if (change.equals("mentions")) {
                mentions = true;
            } else if (change.startsWith("words=")) {
                words = Integer.parseInt(change.substring("words=".length()));
            } else if (change.startsWith("charweight=")) {
                charWeight = Double.parseDouble(change.substring("charweight=".length()));
            } else if (change.startsWith("care=")) {
                care = Double.parseDouble(change.substring("care=".length()));
            } else if (change.startsWith("classpower=")) {
                classPower = Double.parseDouble(change.substring("classpower=".length()));
            } else if (change.startsWith("tol=")) {
                tolerance = Double.parseDouble(change.substring("tol=".length()));
            } else if (change.equals("numbers")) {
                numbers = true;
            } else if (change.equals("signals")) {
                signals = true;
            } else if (change.equals("unweighted")) {
                balanced = false;
            } else if (change.equals("singletons")) {
                min = 1;
            } else if (change.equals("nblr")) {
                naiveBayes = true;
            } else if (change.startsWith("beta=")) {
                beta = Double.parseDouble(change.substring("beta=".length()));
            } else if (change.equals("binary")) {
                binary = true;
            } else if (change.startsWith("ensemble=")) {
                ensemble = Double.parseDouble(change.substring("ensemble=".length()));
            } else if (change.startsWith("solver=")) {
                solver = LinearType.valueOf(change.substring("solver=".length()));
            } else {
                throw new IllegalArgumentException("unknown variant: " + change);
            }
        }
        SentimentFeatures features = new SentimentFeatures(
                new SentimentFeatures.Options(characters, shortest, longest, sublinear, mentions, words, charWeight, care,
                numbers, signals));
        return new SentimentLearner(SentimentLearner.Algorithm.LOGISTIC_REGRESSION, 1L, balanced, features, min,
                solver, costs, classPower, tolerance,
                naiveBayes ? new SentimentLearner.NaiveBayesWeighting(beta, binary) : null, ensemble);
    }

    private static void learningCurve(List<LabelledText> train) {
        List<LabelledText> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(LEARNING_CURVE_SEED));
        int held = shuffled.size() / 5;
        List<LabelledText> judge = shuffled.subList(0, held);
        List<LabelledText> pool = shuffled.subList(held, shuffled.size());
        double lexicon = SentimentEvaluation.of(LexiconSentimentAnalyzer.customerCare(), judge).macroF1();
        System.out.printf(Locale.ROOT, "learning curve, inside the training part: the learned model on the first N of "
                + "%,d tweets, judged on the other %,d (the default scores %.3f there)%n", pool.size(), judge.size(),
                lexicon);
        for (int n : LEARNING_CURVE) {
            if (n > pool.size()) {
                break;
            }
            SentimentEvaluation e = SentimentEvaluation.of(new SentimentLearner().train(pool.subList(0, n)), judge);
            System.out.printf(Locale.ROOT, "  N = %,5d  macro-F1 %.3f  accuracy %.3f%n", n, e.macroF1(), e.accuracy());
        }
    }
}
