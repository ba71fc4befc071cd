package org.touchline.intelligence.sentiment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.liblinear.LinearClassificationType.LinearType;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.liblinear.LibLinearModel;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.dataset.MinimumCardinalityDataset;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.provenance.EnsembleModelProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a sentiment classifier on a company's own labelled (or star-rated, see {@link LabelledText#fromRating})
 * messages, with Tribuo, on {@link SentimentFeatures}.
 *
 * <p>The classifier is L2-regularised logistic regression (LIBLINEAR, one class against the rest, through Tribuo):
 * with tens of thousands of sparse n-gram features and a few thousand messages, how strongly the weights are held
 * back decides how well it reads new messages, so the regularisation (LIBLINEAR's cost C) is chosen by five-fold
 * cross-validation on the messages it is given, for the best macro-F1, and the model is then fitted on all of them.
 * Each class is weighted by the inverse of its frequency, so that a rarely seen class (praise, in complaint-heavy
 * data) still gets recall: the goal is macro-F1, not accuracy. A feature seen in only one message is dropped
 * ({@link MinimumCardinalityDataset}): it can only be learned by heart, and most character n-grams are such.
 *
 * <p>The model it saves averages that logistic regression's probabilities with NB-weighted logistic regression's
 * (Wang and Manning 2012; {@link PolarityRatios}), on the same features, NB-LR's cost chosen by the same
 * cross-validation: on the shared airline tweets' training part the average gained on every fold (+0.0059 ± 0.0039
 * macro-F1) where neither model alone differed beyond noise. NB-LR is folded into one LIBLINEAR model and the two are
 * one Tribuo ensemble, so a company's model is still one file.
 */
public final class SentimentLearner {

    /** The classifier to train. */
    public enum Algorithm {
        /** L2-regularised logistic regression (LIBLINEAR): fast, probabilistic, explainable by its weights. */
        LOGISTIC_REGRESSION,
        /** Gradient-boosted trees (XGBoost): the alternative it was compared with. */
        BOOSTED_TREES
    }

    /** Version of what this learner produces; saved in the model's provenance. */
    public static final String VERSION = "touchline-sentiment/3 (logistic regression averaged with NB-weighted "
            + "logistic regression)";

    /** LIBLINEAR costs tried, a factor of about 3 apart around its default of 1. */
    static final double[] COSTS = {0.1, 0.3, 1, 3, 10};
    /** LIBLINEAR's own default, used when there are too few messages to cross-validate. */
    static final double DEFAULT_COST = 1;
    static final int FOLDS = 5;
    /** Below this many messages per fold a fold's macro-F1 is too coarse to choose a cost by. */
    private static final int SMALLEST_FOLD = 10;
    /** LIBLINEAR's stopping tolerance for logistic regression (its default) and an iteration cap. */
    static final double TOLERANCE = 0.01;
    private static final int MAX_ITERATIONS = 1000;
    /** Messages a feature must be seen in to be kept. */
    static final int MIN_MESSAGES_PER_FEATURE = 2;
    /** NB-LR's costs tried when it is averaged with the logistic regression (the two measured, see the docs). */
    static final double[] NAIVE_BAYES_COSTS = {3, 10};

    private final Algorithm algorithm;
    private final long seed;
    private final boolean balanced;
    private final int minMessages;
    private final SentimentFeatures features;
    private final String featuresVersion;
    private final LinearType solver;
    private final double[] costs;
    private final double classPower;
    private final double tolerance;
    /** NB-weighted logistic regression instead of plain, or null ({@link SentimentCheck} measures it). */
    private final NaiveBayesWeighting naiveBayes;
    /** The current model's cost to average its probabilities with NB-LR's (a two-model ensemble), or NaN. */
    private final double ensembleCost;
    /**
     * The learner's model: the logistic regression averaged with NB-weighted logistic regression, each with its own
     * cost chosen by cross-validation (false only for the variants {@link SentimentCheck} measures against it).
     */
    private final boolean averaged;

    /**
     * NB-weighted logistic regression (Wang and Manning 2012): one model per polarity against the rest, on features
     * scaled by their {@link PolarityRatios}, the polarity with the highest probability winning.
     *
     * @param beta   the paper's interpolation of the weights with their mean magnitude, {@code (1 - beta) * mean|w| +
     *               beta * w} (1: none)
     * @param binary every feature present as 1 before scaling (the paper), or the current values (each block scaled
     *               to unit length)
     */
    record NaiveBayesWeighting(double beta, boolean binary) {
    }

    /** Logistic regression, classes balanced, seeded: the choice that measured best (see {@link SentimentCheck}). */
    public SentimentLearner() {
        this(Algorithm.LOGISTIC_REGRESSION, 1L);
    }

    public SentimentLearner(Algorithm algorithm, long seed) {
        this(algorithm, seed, true, new SentimentFeatures(), MIN_MESSAGES_PER_FEATURE, LinearType.L2R_LR, COSTS, 1,
                TOLERANCE, null, Double.NaN, algorithm == Algorithm.LOGISTIC_REGRESSION);
    }

    /**
     * Variants measured by {@link SentimentCheck}: classes weighted or not, with or without character n-grams (a model
     * without them records another feature definition, so a node would refuse it), rare features dropped or kept.
     */
    SentimentLearner(Algorithm algorithm, long seed, boolean balanced, boolean characters, int minMessages) {
        this(algorithm, seed, balanced, new SentimentFeatures(characters), minMessages, LinearType.L2R_LR, COSTS, 1,
                TOLERANCE);
    }

    /**
     * Any variant, to measure it on a training part ({@link SentimentCheck}): features other than the current
     * definition record another version, so a node would refuse a model trained with them.
     */
    SentimentLearner(Algorithm algorithm, long seed, boolean balanced, SentimentFeatures features, int minMessages,
            LinearType solver, double[] costs, double classPower, double tolerance) {
        this(algorithm, seed, balanced, features, minMessages, solver, costs, classPower, tolerance, null, Double.NaN,
                false);
    }

    /** Any variant, NB-weighted or an ensemble with the current model included, to measure it on a training part. */
    SentimentLearner(Algorithm algorithm, long seed, boolean balanced, SentimentFeatures features, int minMessages,
            LinearType solver, double[] costs, double classPower, double tolerance, NaiveBayesWeighting naiveBayes,
            double ensembleCost) {
        this(algorithm, seed, balanced, features, minMessages, solver, costs, classPower, tolerance, naiveBayes,
                ensembleCost, false);
    }

    private SentimentLearner(Algorithm algorithm, long seed, boolean balanced, SentimentFeatures features,
            int minMessages, LinearType solver, double[] costs, double classPower, double tolerance,
            NaiveBayesWeighting naiveBayes, double ensembleCost, boolean averaged) {
        this.averaged = averaged;
        this.naiveBayes = averaged ? new NaiveBayesWeighting(1, false) : naiveBayes;
        this.ensembleCost = ensembleCost;
        this.algorithm = algorithm;
        this.seed = seed;
        this.balanced = balanced;
        this.minMessages = minMessages;
        this.features = features;
        this.featuresVersion = features.options().equals(SentimentFeatures.Options.CURRENT)
                ? SentimentFeatures.VERSION : SentimentFeatures.VERSION + " variant " + features.options();
        this.solver = solver;
        this.costs = costs.clone();
        this.classPower = classPower;
        this.tolerance = tolerance;
    }

    /**
     * The cross-validated macro-F1 of one cost: its mean and the standard deviation over the folds, and each fold's
     * (the folds are the same for every cost and variant of one seed, so two can be compared fold by fold).
     */
    public record CrossValidated(double cost, double meanMacroF1, double sdMacroF1, List<Double> folds) {
    }

    /**
     * The costs tried, in order, and the one chosen (the best mean; the smaller cost on a tie); for the learner's
     * averaged model also NB-LR's costs tried, each averaged with the logistic regression of the chosen cost, and
     * the one chosen (NaN for a single model).
     */
    public record CostChoice(List<CrossValidated> tried, double chosen, List<CrossValidated> naiveBayesTried,
            double naiveBayesChosen) {
        CostChoice(List<CrossValidated> tried, double chosen) {
            this(tried, chosen, List.of(), Double.NaN);
        }
    }

    /** Chooses the cost, then fits the model on all the messages. */
    public TrainedSentimentAnalyzer train(List<LabelledText> examples) {
        List<Example<Label>> prepared = prepare(examples);
        CostChoice choice = chooseAmong(prepared);
        if (!averaged) {
            return fit(prepared, choice.chosen(), featuresVersion);
        }
        return fitAveraged(prepared, choice.chosen(), choice.naiveBayesChosen());
    }

    /** Fits with a given cost, recording {@code featuresVersion} (another one only to test old models). */
    TrainedSentimentAnalyzer train(List<LabelledText> examples, double cost, String featuresVersion) {
        return fit(prepare(examples), cost, featuresVersion);
    }

    TrainedSentimentAnalyzer train(List<LabelledText> examples, double cost) {
        return train(examples, cost, featuresVersion);
    }

    /** The learner's averaged model with given costs (the logistic regression's, NB-LR's). */
    TrainedSentimentAnalyzer train(List<LabelledText> examples, double cost, double naiveBayesCost) {
        return fitAveraged(prepare(examples), cost, naiveBayesCost);
    }

    /** The cross-validation that {@link #train(List)} chooses the cost by, for reporting. */
    public CostChoice choose(List<LabelledText> examples) {
        return chooseAmong(prepare(examples));
    }

    private CostChoice chooseAmong(List<Example<Label>> prepared) {
        // Averaging needs a model per polarity: with fewer polarities rated, the logistic regression alone.
        boolean averaged = this.averaged;
        if (algorithm != Algorithm.LOGISTIC_REGRESSION || prepared.size() < FOLDS * SMALLEST_FOLD) {
            return this.averaged ? new CostChoice(List.of(), DEFAULT_COST, List.of(), DEFAULT_COST)
                    : new CostChoice(List.of(), DEFAULT_COST);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        // Each fold's training set is built once and shared by every cost (building it costs about as much as a
        // fit); the fits, each with its own trainer, only read it, so they run side by side.
        List<Dataset<Label>> foldSets = new ArrayList<>(FOLDS);
        List<List<Example<Label>>> foldTrains = new ArrayList<>(FOLDS);
        List<List<Example<Label>>> foldTests = new ArrayList<>(FOLDS);
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Example<Label>> train = new ArrayList<>();
            List<Example<Label>> test = new ArrayList<>();
            for (int k = 0; k < order.size(); k++) {
                (k % FOLDS == fold ? test : train).add(prepared.get(order.get(k)));
            }
            foldTrains.add(train);
            foldTests.add(test);
            foldSets.add(dataset(train));
        }
        double[][] foldScores = new double[costs.length][FOLDS];
        if (averaged && prepared.stream().map(e -> e.getOutput().getLabel()).distinct().count()
                < Polarity.values().length) {
            averaged = false;
        }
        if (averaged) {
            // The logistic regression's cost first, then NB-LR's, each fold's NB-LR averaged with its logistic
            // regression of the chosen cost.
            List<List<Model<Label>>> models = new ArrayList<>();
            for (int c = 0; c < costs.length; c++) {
                models.add(new ArrayList<>(Collections.nCopies(FOLDS, null)));
            }
            crossValidate(foldSets, foldTrains, foldTests, foldScores, models);
            List<CrossValidated> tried = summarise(costs, foldScores);
            CrossValidated best = best(tried);
            List<Model<Label>> partners = models.get(tried.indexOf(best));
            double[] nbCosts = NAIVE_BAYES_COSTS;
            double[][] nbScores = new double[nbCosts.length][FOLDS];
            List<Weighted> weighted = weighted(foldSets);
            IntStream.range(0, nbCosts.length * FOLDS).parallel().forEach(run -> {
                int c = run / FOLDS, fold = run % FOLDS;
                NaiveBayesLogistic nb = fitNaiveBayes(weighted.get(fold), foldTrains.get(fold), nbCosts[c]);
                Model<Label> model = average(partners.get(fold), nb.foldedInto(
                        (LibLinearModel<Label>) partners.get(fold)), Map.of());
                nbScores[c][fold] = macroF1(reader(model), foldTests.get(fold));
            });
            List<CrossValidated> nbTried = summarise(nbCosts, nbScores);
            return new CostChoice(tried, best.cost(), nbTried, best(nbTried).cost());
        }
        if (naiveBayes == null) {
            crossValidate(foldSets, foldTrains, foldTests, foldScores, null);
        } else {
            List<Weighted> weighted = weighted(foldSets);
            List<Model<Label>> current = new ArrayList<>(Collections.nCopies(FOLDS, null));
            if (!Double.isNaN(ensembleCost)) {
                IntStream.range(0, FOLDS).parallel().forEach(fold -> current.set(fold,
                        fit(foldSets.get(fold), foldTrains.get(fold), ensembleCost, featuresVersion).model()));
            }
            IntStream.range(0, costs.length * FOLDS).parallel().forEach(run -> {
                int c = run / FOLDS, fold = run % FOLDS;
                NaiveBayesLogistic nb = fitNaiveBayes(weighted.get(fold), foldTrains.get(fold), costs[c]);
                foldScores[c][fold] = macroF1(reader(nb, current.get(fold)), foldTests.get(fold));
            });
        }
        List<CrossValidated> tried = summarise(costs, foldScores);
        return new CostChoice(tried, best(tried).cost());
    }

    /**
     * The logistic regression at every cost on every fold, the fits side by side: each fold's macro-F1 into
     * {@code scores[cost][fold]}, and each model into {@code kept} when it is given.
     */
    private void crossValidate(List<Dataset<Label>> sets, List<List<Example<Label>>> trains,
            List<List<Example<Label>>> tests, double[][] scores, List<List<Model<Label>>> kept) {
        IntStream.range(0, costs.length * FOLDS).parallel().forEach(run -> {
            int c = run / FOLDS, fold = run % FOLDS;
            Model<Label> model = fit(sets.get(fold), trains.get(fold), costs[c], featuresVersion).model();
            if (kept != null) {
                kept.get(c).set(fold, model);
            }
            scores[c][fold] = macroF1(reader(model), tests.get(fold));
        });
    }

    /** A dataset's naive-Bayes ratios and the dataset weighted by them, one per polarity. */
    private record Weighted(PolarityRatios ratios, Map<Polarity, Dataset<Label>> sets) {
    }

    /** Each fold's ratios and weighted datasets, built once and shared by every cost. */
    private List<Weighted> weighted(List<Dataset<Label>> foldSets) {
        return foldSets.stream().map(this::weighted).toList();
    }

    /** A dataset's naive-Bayes ratios and, for each polarity, the dataset weighted by them. */
    private Weighted weighted(Dataset<Label> set) {
        PolarityRatios ratios = PolarityRatios.of(set, PolarityRatios.ALPHA);
        return new Weighted(ratios, oneAgainstRest(set, ratios));
    }

    /** The best mean; the first (the smaller cost) on a tie. */
    private static CrossValidated best(List<CrossValidated> tried) {
        CrossValidated best = null;
        for (CrossValidated result : tried) {
            if (best == null || result.meanMacroF1() > best.meanMacroF1()) {
                best = result;
            }
        }
        return best;
    }

    private static List<CrossValidated> summarise(double[] costs, double[][] foldScores) {
        List<CrossValidated> tried = new ArrayList<>();
        for (int c = 0; c < costs.length; c++) {
            double cost = costs[c];
            double[] scores = foldScores[c];
            double mean = 0;
            for (double s : scores) {
                mean += s / FOLDS;
            }
            double variance = 0;
            for (double s : scores) {
                variance += (s - mean) * (s - mean) / (FOLDS - 1);
            }
            List<Double> folds = new ArrayList<>(FOLDS);
            for (double s : scores) {
                folds.add(s);
            }
            tried.add(new CrossValidated(cost, mean, Math.sqrt(variance), List.copyOf(folds)));
        }
        return List.copyOf(tried);
    }

    private static double macroF1(Function<Example<Label>, Polarity> predictor, List<Example<Label>> test) {
        long[][] confusion = new long[Polarity.values().length][Polarity.values().length];
        for (Example<Label> example : test) {
            Polarity truth = Polarity.valueOf(example.getOutput().getLabel());
            Polarity predicted = predictor.apply(example);
            confusion[truth.ordinal()][predicted.ordinal()]++;
        }
        return SentimentEvaluation.fromConfusion(confusion).macroF1();
    }

    /** A model's polarity of a message. */
    private static Function<Example<Label>, Polarity> reader(Model<Label> model) {
        return e -> Polarity.valueOf(model.predict(e).getOutput().getLabel());
    }

    /**
     * NB-LR's polarity of a message, or, with {@code current} (the current model), the polarity whose probability
     * averaged over the two models is highest.
     */
    private static Function<Example<Label>, Polarity> reader(NaiveBayesLogistic nb, Model<Label> current) {
        return example -> {
            double[] p = nb.probabilities(example);
            if (current != null) {
                var scores = current.predict(example).getOutputScores();
                for (Polarity polarity : Polarity.values()) {
                    Label scored = scores.get(polarity.name());
                    p[polarity.ordinal()] = (p[polarity.ordinal()] + (scored == null ? 0 : scored.getScore())) / 2;
                }
            }
            return NaiveBayesLogistic.best(p);
        };
    }

    /**
     * An NB-weighted variant (or the ensemble) fitted on all the examples with NB-LR's cost, as a reader of
     * polarity: only to measure it ({@link SentimentCheck} {@code --final}); it has no saved form.
     */
    Function<String, Polarity> fitToMeasure(List<LabelledText> examples, double cost) {
        List<Example<Label>> prepared = prepare(examples);
        Dataset<Label> kept = dataset(prepared);
        NaiveBayesLogistic nb = fitNaiveBayes(weighted(kept), prepared, cost);
        Model<Label> current = Double.isNaN(ensembleCost) ? null
                : fit(kept, prepared, ensembleCost, featuresVersion).model();
        Function<Example<Label>, Polarity> reader = reader(nb, current);
        return text -> reader.apply(features.example(text, LabelFactory.UNKNOWN_LABEL));
    }

    /** NB-LR alone and folded into one linear model, fitted on the examples with a cost (to test the folding). */
    record NaiveBayesFit(NaiveBayesLogistic naiveBayes, LibLinearModel<Label> folded) {
    }

    NaiveBayesFit fitNaiveBayes(List<LabelledText> examples, double cost) {
        List<Example<Label>> prepared = prepare(examples);
        Dataset<Label> kept = dataset(prepared);
        NaiveBayesLogistic nb = fitNaiveBayes(weighted(kept), prepared, cost);
        return new NaiveBayesFit(nb, nb.foldedInto((LibLinearModel<Label>) fit(kept, prepared, cost, featuresVersion)
                .model()));
    }

    boolean naiveBayesWeighted() {
        return naiveBayes != null;
    }

    /** NB-LR's cost, in the averaged model's provenance. */
    static final String NAIVE_BAYES_COST_KEY = "touchline.sentiment.naive-bayes-cost";

    /**
     * The learner's model: the logistic regression with {@code cost} and NB-LR with {@code naiveBayesCost}, folded into
     * a linear model on the same features, their probabilities averaged (one Tribuo ensemble, saved as one file).
     * With fewer than three polarities rated, the logistic regression alone.
     */
    private TrainedSentimentAnalyzer fitAveraged(List<Example<Label>> prepared, double cost, double naiveBayesCost) {
        Dataset<Label> kept = dataset(prepared);
        Map<String, Provenance> run = new HashMap<>(run(featuresVersion));
        run.put(NAIVE_BAYES_COST_KEY, new StringProvenance(NAIVE_BAYES_COST_KEY, Double.toString(naiveBayesCost)));
        LibLinearModel<Label> linear = (LibLinearModel<Label>) trainer(prepared, cost).train(kept, run);
        if (linear.getOutputIDInfo().size() < Polarity.values().length) {
            return new TrainedSentimentAnalyzer(linear, features);
        }
        NaiveBayesLogistic nb = fitNaiveBayes(weighted(kept), prepared, naiveBayesCost);
        return new TrainedSentimentAnalyzer(average(linear, nb.foldedInto(linear), run), features);
    }

    /** The two models as one whose probabilities are their average ({@link FullyWeightedVotingCombiner}). */
    private static Model<Label> average(Model<Label> linear, Model<Label> folded, Map<String, Provenance> run) {
        ModelProvenance made = linear.getProvenance();
        EnsembleModelProvenance provenance = new EnsembleModelProvenance(WeightedEnsembleModel.class.getName(),
                made.getTrainingTime(), made.getDatasetProvenance(), made.getTrainerProvenance(), run,
                new ListProvenance<>(List.of(made, folded.getProvenance())));
        return new WeightedEnsembleModel<>("logistic regression averaged with NB-weighted logistic regression",
                provenance, linear.getFeatureIDMap(), linear.getOutputIDInfo(), List.of(linear, folded),
                new FullyWeightedVotingCombiner());
    }

    /** The label every message of another polarity than the one a model is for gets. */
    static final String REST = "REST";

    /** For each polarity, the messages relabelled it or {@link #REST}, their features scaled by its ratios. */
    private Map<Polarity, Dataset<Label>> oneAgainstRest(Dataset<Label> kept, PolarityRatios ratios) {
        Map<Polarity, Dataset<Label>> sets = new EnumMap<>(Polarity.class);
        LabelFactory labels = new LabelFactory();
        for (Polarity polarity : Polarity.values()) {
            MutableDataset<Label> set = new MutableDataset<>(new SimpleDataSourceProvenance(
                    "labelled customer messages, " + polarity + " against the rest", OffsetDateTime.now(), labels),
                    labels);
            Label yes = new Label(polarity.name());
            Label rest = new Label(REST);
            for (Example<Label> example : kept) {
                boolean is = example.getOutput().getLabel().equals(polarity.name());
                set.add(ratios.weigh(example, polarity, is ? yes : rest, naiveBayes.binary()));
            }
            sets.put(polarity, set);
        }
        return sets;
    }

    /**
     * One logistic regression per polarity against the rest on its weighted dataset, the polarity weighted as in the
     * current model's one-against-the-rest (n / (classes * n_polarity)), the rest 1.
     */
    private NaiveBayesLogistic fitNaiveBayes(Weighted weighted, List<Example<Label>> examples, double cost) {
        Map<Label, Float> balance = balanced ? balancedWeights(examples, classPower) : Map.of();
        Map<Polarity, LibLinearModel<Label>> models = new EnumMap<>(Polarity.class);
        weighted.sets().forEach((polarity, set) -> {
            LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
                    new LinearClassificationType(solver), cost, MAX_ITERATIONS, tolerance);
            Label yes = new Label(polarity.name());
            trainer.setLabelWeights(Map.of(yes, balance.getOrDefault(yes, 1f), new Label(REST), 1f));
            models.put(polarity, (LibLinearModel<Label>) trainer.train(set));
        });
        return new NaiveBayesLogistic(models, weighted.ratios(), naiveBayes);
    }

    private List<Example<Label>> prepare(List<LabelledText> examples) {
        Map<Polarity, Integer> counts = new EnumMap<>(Polarity.class);
        examples.forEach(e -> counts.merge(e.label(), 1, Integer::sum));
        if (counts.size() < 2) {
            throw new IllegalArgumentException("training needs at least two sentiment classes, got " + counts);
        }
        List<Example<Label>> prepared = new ArrayList<>(examples.size());
        for (LabelledText labelled : examples) {
            prepared.add(features.example(labelled.text(), new Label(labelled.label().name())));
        }
        return prepared;
    }

    private TrainedSentimentAnalyzer fit(List<Example<Label>> examples, double cost, String version) {
        return fit(dataset(examples), examples, cost, version);
    }

    /** The examples as a Tribuo dataset, features seen in fewer than {@link #minMessages} messages dropped. */
    private Dataset<Label> dataset(List<Example<Label>> examples) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("labelled customer messages", OffsetDateTime.now(), labels), labels);
        examples.forEach(dataset::add);
        return minMessages > 1 ? new MinimumCardinalityDataset<>(dataset, minMessages) : dataset;
    }

    /** What a model records of Touchline: the learner's version and the feature definition's. */
    private static Map<String, Provenance> run(String featuresVersion) {
        return Map.of(
                TrainedSentimentAnalyzer.VERSION_KEY, new StringProvenance(TrainedSentimentAnalyzer.VERSION_KEY, VERSION),
                TrainedSentimentAnalyzer.FEATURES_KEY, new StringProvenance(TrainedSentimentAnalyzer.FEATURES_KEY, featuresVersion));
    }

    /** Fits on {@code kept}, built by {@link #dataset} from {@code examples} (which give the class weights). */
    private TrainedSentimentAnalyzer fit(Dataset<Label> kept, List<Example<Label>> examples, double cost, String version) {
        Model<Label> model = trainer(examples, cost).train(kept, run(version));
        return new TrainedSentimentAnalyzer(model, features);
    }

    private Trainer<Label> trainer(List<Example<Label>> examples, double cost) {
        return switch (algorithm) {
            case LOGISTIC_REGRESSION -> {
                LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
                        new LinearClassificationType(solver), cost, MAX_ITERATIONS, tolerance);
                if (balanced) {
                    trainer.setLabelWeights(balancedWeights(examples, classPower));
                }
                yield trainer;
            }
            case BOOSTED_TREES -> new XGBoostClassificationTrainer(300, 0.3, 0, 6, 1, 1, 1, 1, 0, 2, true, seed);
        };
    }

    /**
     * n / (classes * n_class) for each class present: every class weighs as much in the loss as the others (raised
     * to {@code power}, 1 in the learner, only to measure a partial balance).
     */
    private static Map<Label, Float> balancedWeights(List<Example<Label>> examples, double power) {
        Map<Label, Integer> counts = new HashMap<>();
        examples.forEach(e -> counts.merge(e.getOutput(), 1, Integer::sum));
        Map<Label, Float> weights = new HashMap<>();
        counts.forEach((label, n) -> weights.put(label, power == 1 ? (float) examples.size() / (counts.size() * n)
                : (float) Math.pow((double) examples.size() / (counts.size() * n), power)));
        return weights;
    }
}
