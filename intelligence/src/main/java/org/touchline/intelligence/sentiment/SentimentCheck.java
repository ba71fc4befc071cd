package org.touchline.intelligence.sentiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Measures sentiment quality on the shared airline tweets: trains on the 80 % train part, then prints accuracy,
 * macro-F1, per-class scores and confusion for the trained model, the default lexicon analyzer and the majority
 * class on the 20 % test part.
 *
 * <p>Usage: {@code java -cp <classpath> org.touchline.intelligence.sentiment.SentimentCheck /work/shared/data
 * [--compare]}; {@code --compare} also trains the alternative algorithm (boosted trees).
 */
public final class SentimentCheck {

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
        SentimentEvaluation lexicon = SentimentEvaluation.of(new LexiconSentimentAnalyzer(), test);
        System.out.printf(Locale.ROOT, "default lexicon analyzer (VADER rules, no training)%n%s%n", lexicon.report());
        System.out.printf(Locale.ROOT, "majority class (%s)%n%s", lexicon.majorityClass(),
                lexicon.majorityBaseline().report());
    }
}
