package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.liblinear.LibLinearModel;
import org.tribuo.ensemble.WeightedEnsembleModel;

class SentimentLearnerTest {

    /** Hand-written customer messages, as a company might label its own. */
    static final List<LabelledText> MESSAGES = List.of(
            positive("I am happy with the service"),
            positive("thanks, the engineer fixed it quickly"),
            positive("great support, really helpful staff"),
            positive("very happy with my new phone"),
            positive("the delivery was fast, thank you"),
            positive("love the new app, works perfectly"),
            positive("thank you for sorting this out so quickly"),
            positive("excellent help from the chat agent"),
            positive("no problems at all, smooth as ever"),
            positive("the refund arrived, thanks a lot"),
            positive("brilliant service, happy customer"),
            positive("thanks for the quick reply, great job"),
            negative("I am not happy with the service"),
            negative("the engineer never came and nobody called"),
            negative("terrible support, the agent was rude"),
            negative("not happy, my phone is broken again"),
            negative("the delivery is late again, awful"),
            negative("the app is not working and I am annoyed"),
            negative("your agent did not help at all"),
            negative("waited two hours on hold, useless"),
            negative("still no refund, this is a joke"),
            negative("worst service ever, never again"),
            negative("the chat agent was not helpful"),
            negative("broken on arrival and nobody answers"),
            neutral("what time does the store open on Sunday"),
            neutral("please send me the invoice for March"),
            neutral("I moved house, here is my new address"),
            neutral("can I change my delivery date"),
            neutral("which plan includes roaming"),
            neutral("my account number is 1234"),
            neutral("how do I reset my password"),
            neutral("is the Leeds store open tomorrow"),
            neutral("I would like to upgrade my plan"),
            neutral("where do I find my order number"),
            neutral("do you ship to Ireland"),
            neutral("the parcel will be collected on Monday"));

    /** Words that say nothing, to vary the messages of a larger set. */
    static final List<String> FILLERS = List.of("today", "again", "this week", "on Monday", "at the store", "online",
            "by phone", "yesterday", "for my mum", "as usual");

    /** The feature definition of the release before this one. */
    static final String OLD_FEATURES = "sentiment-features/3 (lower case, url/user/num, ellipsis splits words, "
            + "negation reach 3, uni+bigrams, binary; customer-care lexicon reading with its complaint rules)";

    static TrainedSentimentAnalyzer trained;

    @TempDir
    Path folder;

    @BeforeAll
    static void train() {
        trained = new SentimentLearner().train(MESSAGES);
    }

    @Test
    void itLearnsTheMessagesItWasGiven() {
        long right = MESSAGES.stream().filter(m -> trained.of(m.text()).label() == m.label()).count();

        assertThat(right).isGreaterThanOrEqualTo(MESSAGES.size() - 2);
    }

    @Test
    void itSeparatesNewMessagesOfEachClass() {
        assertThat(trained.of("thanks, very helpful engineer").label()).isEqualTo(Polarity.POSITIVE);
        assertThat(trained.of("the agent was rude and useless").label()).isEqualTo(Polarity.NEGATIVE);
        assertThat(trained.of("how do I change my address").label()).isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void negationMakesHappyAndNotHappyDifferentFeatures() {
        assertThat(trained.of("happy with the engineer").label()).isEqualTo(Polarity.POSITIVE);
        assertThat(trained.of("not happy with the engineer").label()).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void theDriversNameNegatedWords() {
        assertThat(trained.of("not happy with the engineer").drivers())
                .anyMatch(d -> d.startsWith("happy (negated): "));
    }

    @Test
    void itGivesProbabilitiesThatAgreeWithTheLabelAndScore() {
        Sentiment sentiment = trained.of("great support, thank you");

        assertThat(sentiment.label()).isEqualTo(Polarity.POSITIVE);
        assertThat(sentiment.probabilities()).containsOnlyKeys(Polarity.values());
        assertThat(sentiment.confidence()).isEqualTo(sentiment.probabilities().get(sentiment.label()));
        assertThat(sentiment.score()).isEqualTo(sentiment.probabilities().get(Polarity.POSITIVE)
                - sentiment.probabilities().get(Polarity.NEGATIVE));
        assertThat(sentiment.drivers()).isNotEmpty().allMatch(d -> d.matches(".+: \\d+\\.\\d towards POSITIVE"));
    }

    @Test
    void aMessageWithNoKnownWordStillGetsAnAnswer() {
        assertThat(trained.of("").probabilities()).hasSize(3);
        assertThat(trained.of("zzz qqq").probabilities()).hasSize(3);
    }

    /**
     * Customers write emoji, which Java holds as two chars each: a model learned from them must save and load too
     * (n-grams cut inside such a pair would be saved as the same replacement character and refused on load).
     */
    @Test
    void aModelLearnedFromMessagesWithEmojiSavesAndLoads() {
        List<LabelledText> withEmoji = new ArrayList<>();
        for (LabelledText m : MESSAGES) {
            String mark = m.label() == Polarity.POSITIVE ? " \uD83D\uDE0D\uD83D\uDC4D" : m.label() == Polarity.NEGATIVE ? " \uD83D\uDE21\uD83D\uDC4E" : " \uD83E\uDD14";
            withEmoji.add(new LabelledText(m.text() + mark, m.label()));
        }
        TrainedSentimentAnalyzer learned = new SentimentLearner().train(withEmoji, SentimentLearner.DEFAULT_COST);
        Path file = folder.resolve("emoji.tribuo");
        learned.save(file);

        TrainedSentimentAnalyzer loaded = TrainedSentimentAnalyzer.load(file);

        for (String text : List.of("so slow \uD83D\uDE21", "thanks \uD83D\uDE0D\uD83D\uDC4D", "\uD83E\uDD14 open today?"))
            assertThat(loaded.of(text)).isEqualTo(learned.of(text));
    }

    @Test
    void savingAndLoadingGivesIdenticalPredictions() {
        Path file = folder.resolve("sentiment.tribuo");
        trained.save(file);

        TrainedSentimentAnalyzer loaded = TrainedSentimentAnalyzer.load(file);

        for (String text : List.of("not happy at all", "thanks, great help", "what time do you open", "")) {
            assertThat(loaded.of(text)).isEqualTo(trained.of(text));
        }
    }

    @Test
    void theModelCarriesTribuoProvenanceAndAVersionAcrossSaving() {
        Path file = folder.resolve("sentiment.tribuo");
        trained.save(file);

        TrainedSentimentAnalyzer loaded = TrainedSentimentAnalyzer.load(file);

        assertThat(loaded.version()).isEqualTo(SentimentLearner.VERSION);
        assertThat(loaded.provenance().getTrainerProvenance().getClassName())
                .isEqualTo("org.tribuo.classification.liblinear.LibLinearClassificationTrainer");
        assertThat(loaded.provenance().getDatasetProvenance().getNumExamples()).isEqualTo(MESSAGES.size());
        assertThat(loaded.provenance()).isEqualTo(trained.provenance());
    }

    @Test
    void aFileThatIsNotAModelIsRefusedByName() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.txt"), "not a model");

        assertThatThrownBy(() -> TrainedSentimentAnalyzer.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notes.txt");
    }

    @Test
    void aModelOfAnotherFeatureDefinitionIsRefusedWithTheAdviceToRetrain() {
        Path file = folder.resolve("sentiment.tribuo");
        new SentimentLearner().train(MESSAGES, SentimentLearner.DEFAULT_COST, OLD_FEATURES).save(file);

        assertThatThrownBy(() -> TrainedSentimentAnalyzer.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sentiment.tribuo").hasMessageContaining(OLD_FEATURES)
                .hasMessageContaining(SentimentFeatures.VERSION).hasMessageContaining("retrain");
    }

    @Test
    void aModelOfAnotherFeatureDefinitionGivesWayToTheDefaultWhereTheNodeLoadsIt() {
        Path file = folder.resolve("sentiment.tribuo");
        new SentimentLearner().train(MESSAGES, SentimentLearner.DEFAULT_COST, OLD_FEATURES).save(file);

        assertThat(TrainedSentimentAnalyzer.loadCurrent(file)).isEmpty();
    }

    @Test
    void aCurrentModelIsLoadedWhereTheNodeLoadsIt() {
        Path file = folder.resolve("sentiment.tribuo");
        trained.save(file);

        assertThat(TrainedSentimentAnalyzer.loadCurrent(file)).get()
                .satisfies(m -> assertThat(m.of("not happy at all")).isEqualTo(trained.of("not happy at all")));
    }

    @Test
    void aFileThatIsNotAModelIsRefusedWhereTheNodeLoadsIt() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.txt"), "not a model");

        assertThatThrownBy(() -> TrainedSentimentAnalyzer.loadCurrent(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notes.txt");
    }

    @Test
    void aReadingNamesTheAnalyzer() {
        SentimentReading reading = trained.read("great support, thank you");

        assertThat(reading.sentiment()).isEqualTo(trained.of("great support, thank you"));
        assertThat(reading.analyzer()).isEqualTo(trained.name()).startsWith("model trained on the company's rated messages");
    }

    @Test
    void trainingNeedsTwoClasses() {
        assertThatThrownBy(() -> new SentimentLearner().train(List.of(positive("good"), positive("great"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two sentiment classes");
    }

    @Test
    void starRatingsTrainAsWellAsLabels() {
        List<LabelledText> rated = new ArrayList<>();
        for (LabelledText m : MESSAGES) {
            int stars = switch (m.label()) {
                case NEGATIVE -> 1;
                case NEUTRAL -> 3;
                case POSITIVE -> 5;
            };
            rated.add(LabelledText.fromRating(m.text(), stars));
        }

        TrainedSentimentAnalyzer fromRatings = new SentimentLearner().train(rated);

        assertThat(fromRatings.of("not happy with the engineer")).isEqualTo(trained.of("not happy with the engineer"));
    }

    @Test
    void predictionsAreTheSameFromManyThreads() throws Exception {
        List<String> texts = MESSAGES.stream().map(LabelledText::text).toList();
        List<Sentiment> expected = texts.stream().map(trained::of).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Sentiment>>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> texts.stream().map(trained::of).toList()));
            }
            for (Future<List<Sentiment>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withFewMessagesItKeepsLiblinearsDefaultCostAndCrossValidatesNothing() {
        SentimentLearner.CostChoice choice = new SentimentLearner().choose(MESSAGES);

        assertThat(choice.tried()).isEmpty();
        assertThat(choice.chosen()).isEqualTo(SentimentLearner.DEFAULT_COST);
    }

    @Test
    void withEnoughMessagesItChoosesTheCostWithTheBestCrossValidatedMacroF1() {
        List<LabelledText> many = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 120; i++) {
            LabelledText m = MESSAGES.get(random.nextInt(MESSAGES.size()));
            many.add(new LabelledText(m.text() + " " + FILLERS.get(random.nextInt(FILLERS.size())), m.label()));
        }

        SentimentLearner.CostChoice choice = new SentimentLearner().choose(many);

        assertThat(choice.tried()).extracting(SentimentLearner.CrossValidated::cost)
                .containsExactly(0.1, 0.3, 1.0, 3.0, 10.0);
        double best = choice.tried().stream().mapToDouble(SentimentLearner.CrossValidated::meanMacroF1).max().orElseThrow();
        assertThat(choice.tried()).filteredOn(c -> c.cost() == choice.chosen()).singleElement()
                .satisfies(c -> assertThat(c.meanMacroF1()).isEqualTo(best));
        assertThat(best).isGreaterThan(0.5);
    }

    @Test
    void aTrainedModelNamesNoCharacterNGramAmongItsDrivers() {
        assertThat(trained.of("the agent was rude and useless").drivers()).noneMatch(d -> d.startsWith("c=")
                || d.startsWith("c_neg="));
    }

    @Test
    void theLearnersModelAveragesTheLogisticRegressionWithNbWeightedLogisticRegression() {
        assertThat(trained.version()).isEqualTo(SentimentLearner.VERSION).startsWith("touchline-sentiment/3");
        assertThat(trained.model()).isInstanceOf(WeightedEnsembleModel.class);
        WeightedEnsembleModel<Label> ensemble = (WeightedEnsembleModel<Label>) trained.model();
        assertThat(ensemble.getModels()).hasSize(2).allMatch(m -> m instanceof LibLinearModel);

        SentimentFeatures features = new SentimentFeatures();
        for (String text : List.of("not happy at all", "thanks, great help", "what time do you open")) {
            Example<Label> example = features.example(text, LabelFactory.UNKNOWN_LABEL);
            Sentiment reading = trained.of(text);
            for (Polarity polarity : Polarity.values()) {
                double mean = ensemble.getModels().stream().mapToDouble(m -> m.predict(example).getOutputScores()
                        .get(polarity.name()).getScore()).average().orElseThrow();
                assertThat(reading.probabilities().get(polarity)).isCloseTo(mean, within(1e-9));
            }
        }
    }

    @Test
    void nbWeightedLogisticRegressionFoldedIntoOneLinearModelReadsAsItsThreeModelsDo() {
        SentimentLearner.NaiveBayesFit fit = new SentimentLearner().fitNaiveBayes(MESSAGES, 1.0);

        SentimentFeatures features = new SentimentFeatures();
        for (String text : List.of("not happy at all", "thanks, great help", "what time do you open", "zzz")) {
            Example<Label> example = features.example(text, LabelFactory.UNKNOWN_LABEL);
            double[] expected = fit.naiveBayes().probabilities(example);
            var scores = fit.folded().predict(example).getOutputScores();
            for (Polarity polarity : Polarity.values()) {
                assertThat(scores.get(polarity.name()).getScore()).isCloseTo(expected[polarity.ordinal()],
                        within(1e-9));
            }
        }
    }

    private static LabelledText positive(String text) {
        return new LabelledText(text, Polarity.POSITIVE);
    }

    private static LabelledText negative(String text) {
        return new LabelledText(text, Polarity.NEGATIVE);
    }

    private static LabelledText neutral(String text) {
        return new LabelledText(text, Polarity.NEUTRAL);
    }
}
