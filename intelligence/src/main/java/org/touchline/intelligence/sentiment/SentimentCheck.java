package org.touchline.intelligence.sentiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Locale;

/**
 * Measures sentiment quality on the shared airline tweets: trains on the 80 % train part, then prints accuracy,
 * macro-F1, per-class scores and confusion for the trained model, the default analyzer (customer-care lexicon),
 * VADER as published and the majority class on the 20 % test part; then the learning curve: the trained model's
 * macro-F1 on the same test part when it learns from only the first N training tweets (seeded shuffle), which
 * stands in for a company with N rated messages and says when a learned model beats the default.
 *
 * <p>Usage: {@code java -cp <classpath> org.touchline.intelligence.sentiment.SentimentCheck /work/shared/data
 * [--compare]}; {@code --compare} also trains the alternative algorithm (boosted trees).
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
        List<LabelledText> test = tweets.stream().filter(AirlineTweets.Tweet::inTestPart)
                .map(AirlineTweets.Tweet::labelled).toList();
        System.out.printf(Locale.ROOT, "%s: %d tweets, train %d, test %d%n%n", csv, tweets.size(), train.size(),
                test.size());

        SentimentLearner.Algorithm[] algorithms = compare ? SentimentLearner.Algorithm.values()
                : new SentimentLearner.Algorithm[] {SentimentLearner.Algorithm.LOGISTIC_REGRESSION};
        SentimentEvaluation last = null;
        for (SentimentLearner.Algorithm algorithm : algorithms) {
            long start = System.nanoTime();
            TrainedSentimentAnalyzer trained = new SentimentLearner(algorithm, 1L).train(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            last = SentimentEvaluation.of(trained, test);
            System.out.printf(Locale.ROOT, "trained %s (%.1f s to train)%n%s%n", algorithm, seconds, last.report());
        }
        SentimentEvaluation lexicon = SentimentEvaluation.of(LexiconSentimentAnalyzer.customerCare(), test);
        System.out.printf(Locale.ROOT, "default analyzer (customer-care lexicon and rules, no training)%n%s%n",
                lexicon.report());
        SentimentEvaluation vader = SentimentEvaluation.of(new LexiconSentimentAnalyzer(), test);
        System.out.printf(Locale.ROOT, "VADER as published (its lexicon and rules)%n%s%n", vader.report());
        System.out.printf(Locale.ROOT, "majority class (%s)%n%s%n", lexicon.majorityClass(),
                lexicon.majorityBaseline().report());
        System.out.println("learning curve: the trained model on the first N training tweets (seeded shuffle), same test part");
        List<LabelledText> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(LEARNING_CURVE_SEED));
        for (int n : LEARNING_CURVE) {
            if (n > shuffled.size()) {
                break;
            }
            SentimentEvaluation e = SentimentEvaluation.of(new SentimentLearner().train(shuffled.subList(0, n)), test);
            System.out.printf(Locale.ROOT, "  N = %,5d  macro-F1 %.3f  accuracy %.3f  (default %.3f)%n", n, e.macroF1(),
                    e.accuracy(), lexicon.macroF1());
        }
    }
}
