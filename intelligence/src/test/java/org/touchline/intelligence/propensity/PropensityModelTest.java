package org.touchline.intelligence.propensity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Both algorithms on seeded synthetic customers whose churn rule is known (see {@link SyntheticCustomers}). */
class PropensityModelTest {
    private static final SyntheticCustomers CUSTOMERS = new SyntheticCustomers(42);
    private static final List<Example> TRAINING = CUSTOMERS.customers(0, 4000);
    private static final List<Example> HELD_OUT = CUSTOMERS.customers(4000, 2000);
    private static final Map<Algorithm, PropensityModel> MODELS = new EnumMap<>(Algorithm.class);

    @BeforeAll
    static void train() {
        MODELS.put(Algorithm.LOGISTIC,
                new PropensityTrainer(HyperParameters.Logistic.defaults()).train(new ModelVersion("churn", 1), TRAINING));
        MODELS.put(Algorithm.GRADIENT_BOOSTING,
                new PropensityTrainer(HyperParameters.Boosting.defaults()).train(new ModelVersion("churn", 2), TRAINING));
    }

    /** A customer typical in every way but complaints, whom the rule makes very likely to churn. */
    private static Example manyComplaints() {
        Map<String, Double> numeric = new HashMap<>(Map.of("days_since_last_contact", 20.0, "contacts_90d", 4.0,
                "spend_12m", 400.0, SyntheticCustomers.TRUE_DRIVER, 6.0, "sentiment_trend", 0.0,
                "tenure_months", 60.0, "products", 2.0, "rating_avg", 3.0));
        return new Example("angry", "angry", HELD_OUT.get(0).asOf(), numeric,
                Map.of("preferred_channel", "web", "journey_stage", "active"), null);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void learnsTheKnownSignalCloseToTheTrueRule(Algorithm algorithm) {
        Evaluation learnt = Evaluation.of(MODELS.get(algorithm).score(HELD_OUT), HELD_OUT);
        List<Evaluation.Outcome> oracle = new ArrayList<>();
        for (Example e : HELD_OUT) {
            oracle.add(new Evaluation.Outcome(SyntheticCustomers.churnProbability(e), e.label()));
        }
        double best = Evaluation.of(oracle).auc();
        assertThat(learnt.auc()).isGreaterThan(0.7).isGreaterThan(best - 0.03);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aHighRiskCustomersTopContributionNamesTheTrueDriver(Algorithm algorithm) {
        Score score = MODELS.get(algorithm).score(manyComplaints());
        assertThat(score.probability()).isGreaterThan(0.25); // trees cannot extrapolate beyond the few such rows seen
        assertThat(score.top()).hasSize(PropensityModel.DEFAULT_TOP);
        assertThat(score.top().get(0).feature()).isEqualTo(SyntheticCustomers.TRUE_DRIVER);
        assertThat(score.top().get(0).value()).isEqualTo("6.0");
        assertThat(score.top().get(0).logOdds()).isGreaterThan(1.0);
        assertThat(score.model()).isEqualTo(MODELS.get(algorithm).version());
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theBaseAndAllContributionsAddUpToTheScoresLogOdds(Algorithm algorithm) {
        PropensityModel model = MODELS.get(algorithm);
        for (Example e : HELD_OUT.subList(0, 50)) {
            Score score = model.score(e, Integer.MAX_VALUE);
            double sum = score.baseLogOdds() + score.top().stream().mapToDouble(Contribution::logOdds).sum();
            assertThat(score.top()).hasSize(model.features().size());
            assertThat(sum).isCloseTo(Math.log(score.probability() / (1 - score.probability())), within(1e-3));
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void scoringABatchGivesTheSameScoresAsOneByOne(Algorithm algorithm) {
        PropensityModel model = MODELS.get(algorithm);
        List<Example> some = HELD_OUT.subList(0, 100);
        List<Score> batch = model.score(some);
        for (int i = 0; i < some.size(); i++) {
            Score single = model.score(some.get(i));
            assertThat(batch.get(i).exampleId()).isEqualTo(single.exampleId());
            assertThat(batch.get(i).probability()).isCloseTo(single.probability(), within(1e-9));
            assertThat(batch.get(i).top()).extracting(Contribution::feature)
                    .isEqualTo(single.top().stream().map(Contribution::feature).toList());
        }
    }

    /** The boosted scorer calls the booster itself (to free its matrices at once): it must agree with Tribuo. */
    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void probabilitiesAreThoseTribuoPredicts(Algorithm algorithm) {
        PropensityModel model = MODELS.get(algorithm);
        Encoding encoding = Encoding.fit(TRAINING);
        for (Example e : HELD_OUT.subList(0, 100)) {
            var row = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, encoding.columns().toArray(String[]::new), encoding.encode(e));
            double tribuo = model.tribuoModel().predict(row).getOutputScores().get("positive").getScore();
            assertThat(model.score(e).probability()).isCloseTo(tribuo, within(1e-9));
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void probabilitiesWithoutReasonsMatchTheScores(Algorithm algorithm) {
        PropensityModel model = MODELS.get(algorithm);
        List<Example> some = HELD_OUT.subList(0, 100);
        double[] probabilities = model.probabilities(some);
        List<Score> scores = model.score(some);
        for (int i = 0; i < some.size(); i++) {
            assertThat(probabilities[i]).isEqualTo(scores.get(i).probability());
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aSavedModelLoadsWithIdenticalScoresVersionAndProvenance(Algorithm algorithm, @TempDir Path dir) throws Exception {
        PropensityModel model = MODELS.get(algorithm);
        model.save(dir);
        PropensityModel loaded = PropensityModel.load(dir);
        assertThat(loaded.version()).isEqualTo(model.version());
        assertThat(loaded.card()).isEqualTo(model.card());
        assertThat(loaded.tribuoProvenance()).isEqualTo(model.tribuoProvenance());
        List<Example> some = HELD_OUT.subList(0, 200);
        assertThat(loaded.score(some)).isEqualTo(model.score(some));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void theCardRecordsTheDataWindowFeaturesAndSettings(Algorithm algorithm) {
        ModelCard card = MODELS.get(algorithm).card();
        assertThat(card.trainingWindow()).isEqualTo(DataWindow.of(TRAINING));
        assertThat(card.trainingRows()).isEqualTo(TRAINING.size());
        assertThat(card.trainingPositives()).isEqualTo((int) TRAINING.stream().filter(Example::label).count());
        assertThat(card.numericFeatures()).contains(SyntheticCustomers.TRUE_DRIVER, "rating_avg");
        assertThat(card.categoricalFeatures()).containsExactly("journey_stage", "preferred_channel");
        assertThat(card.hyperParameters().algorithm()).isEqualTo(algorithm);
        assertThat(MODELS.get(algorithm).tribuoProvenance())
                .contains(card.model().toString()).contains(card.trainingWindow().from().toString());
    }

    @Test
    void trainingRefusesAnExampleWithoutAnOutcome() {
        List<Example> rows = new ArrayList<>(TRAINING.subList(0, 100));
        rows.add(HELD_OUT.get(0).withLabel(null));
        assertThatThrownBy(() -> new PropensityTrainer(HyperParameters.Logistic.defaults()).train(new ModelVersion("churn", 1), rows))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(HELD_OUT.get(0).id()).hasMessageContaining("no label");
    }

    @Test
    void oversamplingInsideTrainingRaisesPredictedPropensitiesTowardsOneHalf() {
        var balanced = new HyperParameters.Logistic(10, 0.1, 1, Rebalancing.OVERSAMPLE, 12345L);
        PropensityModel oversampled = new PropensityTrainer(balanced).train(new ModelVersion("churn", 3), TRAINING);
        double plain = mean(MODELS.get(Algorithm.LOGISTIC).score(HELD_OUT));
        double raised = mean(oversampled.score(HELD_OUT));
        assertThat(plain).isLessThan(0.3);
        assertThat(raised).isGreaterThan(plain + 0.15);
    }

    private static double mean(List<Score> scores) {
        return scores.stream().mapToDouble(Score::probability).average().orElseThrow();
    }
}
