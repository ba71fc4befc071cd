package org.touchline.intelligence.sentiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.liblinear.LibLinearModel;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.provenance.ModelProvenance;

/**
 * A sentiment model trained by {@link SentimentLearner}: a Tribuo model with the feature definition it was
 * trained on. Saved and loaded with Tribuo's own (protobuf) serialisation; the file carries Tribuo's provenance
 * (data, trainer, settings, time) and Touchline's version and feature definition, checked on load.
 * Thread-safe: the model and the features are only read.
 */
public final class TrainedSentimentAnalyzer implements SentimentAnalyzer {

    static final String VERSION_KEY = "touchline.sentiment.version";
    static final String FEATURES_KEY = "touchline.sentiment.features";
    private static final int DRIVERS = 3;

    private final Model<Label> model;
    private final SentimentFeatures features;
    /**
     * Per-class weights of a linear model, {@code [output id][feature id]}, to explain a prediction; null for other
     * models. Read once: LIBLINEAR copies its weights on every request.
     */
    private final double[][] weights;

    TrainedSentimentAnalyzer(Model<Label> model, SentimentFeatures features) {
        this.model = model;
        this.features = features;
        this.weights = weightsOf(model);
    }

    /**
     * A linear model's weights, or the mean of an ensemble's linear members' (the learner's averaged model: two
     * linear models on the same features, so each feature's push is the mean of its two pushes); null otherwise.
     */
    private static double[][] weightsOf(Model<Label> model) {
        if (model instanceof LibLinearModel<Label> linear) {
            return weightsOf(linear);
        }
        if (model instanceof WeightedEnsembleModel<Label> ensemble
                && ensemble.getModels().stream().allMatch(m -> m instanceof LibLinearModel)) {
            double[][] mean = null;
            for (Model<Label> member : ensemble.getModels()) {
                double[][] w = weightsOf((LibLinearModel<Label>) member);
                if (mean == null) {
                    mean = new double[w.length][w[0].length];
                }
                for (int i = 0; i < w.length; i++) {
                    for (int j = 0; j < w[i].length; j++) {
                        mean[i][j] += w[i][j] / ensemble.getNumModels();
                    }
                }
            }
            return mean;
        }
        return null;
    }

    /**
     * LIBLINEAR's weights by class: it keeps them feature by feature, {@code nr_class} to a feature, its labels being
     * Tribuo's output ids; with two classes it keeps one vector, for its first label, the other's being its negation
     * (LIBLINEAR's README, "model" structure).
     */
    private static double[][] weightsOf(LibLinearModel<Label> linear) {
        var inner = linear.getInnerModels().get(0);
        double[] w = inner.getFeatureWeights();
        int[] labels = inner.getLabels();
        int features = linear.getFeatureIDMap().size();
        double[][] weights = new double[linear.getOutputIDInfo().size()][features];
        for (int j = 0; j < features && j < inner.getNrFeature(); j++) {
            if (inner.getNrClass() == 2) {
                weights[labels[0]][j] = w[j];
                weights[labels[1]][j] = -w[j];
            } else {
                for (int i = 0; i < labels.length; i++) {
                    weights[labels[i]][j] = w[j * inner.getNrClass() + i];
                }
            }
        }
        return weights;
    }

    Model<Label> model() {
        return model;
    }

    /**
     * Loads a model saved by {@link #save}; refuses a file that is not a Touchline sentiment model, or one trained on
     * another feature definition (an older Touchline's), saying which and that it must be retrained.
     */
    public static TrainedSentimentAnalyzer load(Path file) {
        Model<Label> model = read(file);
        String features = instanceValue(model.getProvenance(), FEATURES_KEY);
        if (!SentimentFeatures.VERSION.equals(features)) {
            throw new IllegalArgumentException(outdated(file, features));
        }
        return new TrainedSentimentAnalyzer(model, new SentimentFeatures());
    }

    /**
     * The company's saved model if it reads messages as this version does; empty, with a warning that names the file
     * and the command that retrains it, when it was trained on another feature definition. An upgrade that changes
     * the features thus never stops a node: the default analyzer reads messages until
     * {@code touchline intelligence sentiment --train} replaces the model. A file that is no sentiment model at all
     * is still refused.
     */
    public static Optional<TrainedSentimentAnalyzer> loadCurrent(Path file) {
        Model<Label> model = read(file);
        String features = instanceValue(model.getProvenance(), FEATURES_KEY);
        if (!SentimentFeatures.VERSION.equals(features)) {
            System.getLogger(TrainedSentimentAnalyzer.class.getName()).log(System.Logger.Level.WARNING,
                    outdated(file, features) + " with 'touchline intelligence sentiment --train'; until then the "
                            + CustomerCareRules.NAME + " reads messages");
            return Optional.empty();
        }
        return Optional.of(new TrainedSentimentAnalyzer(model, new SentimentFeatures()));
    }

    private static Model<Label> read(Path file) {
        Model<?> loaded;
        try {
            loaded = Model.deserializeFromFile(file);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("sentiment model " + file + ": cannot be read as a Tribuo model ("
                    + e.getMessage() + ")", e);
        }
        if (!loaded.validate(Label.class)) {
            throw new IllegalArgumentException("sentiment model " + file + ": is not a classification model");
        }
        @SuppressWarnings("unchecked")
        Model<Label> model = (Model<Label>) loaded;
        return model;
    }

    private static String outdated(Path file, String features) {
        return "sentiment model " + file + ": was trained on features '" + features + "', but this version reads '"
                + SentimentFeatures.VERSION + "'; retrain it";
    }

    public void save(Path file) {
        try {
            model.serializeToFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save sentiment model to " + file, e);
        }
    }

    /** Tribuo's record of how the model was made: data source, trainer and its settings, time, versions. */
    public ModelProvenance provenance() {
        return model.getProvenance();
    }

    /**
     * Touchline's version of the model format, e.g. {@code touchline-sentiment/3 (...)}: /3 is the logistic regression
     * averaged with NB-weighted logistic regression, /2 the logistic regression alone (still read: one model).
     */
    public String version() {
        return instanceValue(model.getProvenance(), VERSION_KEY);
    }

    /** "model trained on the company's rated messages, 2026-12-06": a trained model names its training day. */
    @Override
    public String name() {
        return "model trained on the company's rated messages, " + model.getProvenance().getTrainingTime().toLocalDate();
    }

    @Override
    public Sentiment of(String text) {
        Example<Label> example = features.example(text == null ? "" : text, LabelFactory.UNKNOWN_LABEL);
        Prediction<Label> prediction = model.predict(example);
        Map<Polarity, Double> probabilities = new EnumMap<>(Polarity.class);
        for (Polarity polarity : Polarity.values()) {
            Label scored = prediction.getOutputScores().get(polarity.name());
            probabilities.put(polarity, scored == null ? 0.0 : scored.getScore());
        }
        Polarity label = Polarity.valueOf(prediction.getOutput().getLabel());
        double score = probabilities.get(Polarity.POSITIVE) - probabilities.get(Polarity.NEGATIVE);
        return new Sentiment(label, Math.max(-1, Math.min(1, score)), probabilities.get(label), probabilities,
                drivers(example, label));
    }

    /**
     * The n-grams pushing hardest towards the predicted class, relative to the classes' mean weight, then the
     * default analyzer's reading when it pushed the same way ("customer-care lexicon: 0.8 towards NEGATIVE").
     */
    private List<String> drivers(Example<Label> example, Polarity label) {
        if (weights == null) {
            return List.of();
        }
        int row = model.getOutputIDInfo().getID(new Label(label.name()));
        ImmutableFeatureMap featureMap = model.getFeatureIDMap();
        List<Map.Entry<String, Double>> pushes = new ArrayList<>();
        double lexicon = 0;
        for (Feature feature : example) {
            VariableInfo info = featureMap.get(feature.getName());
            // Character n-grams are pieces of the words already listed: no driver a reader could follow.
            if (info == null || feature.getName().equals(SentimentFeatures.EVERY_MESSAGE)
                    || feature.getName().startsWith(SentimentFeatures.CHARACTERS)
                    || feature.getName().startsWith(SentimentFeatures.NEGATED_CHARACTERS)) {
                continue;
            }
            int column = featureMap.getID(feature.getName());
            double mean = 0;
            for (double[] classWeights : weights) {
                mean += classWeights[column] / weights.length;
            }
            double push = (weights[row][column] - mean) * feature.getValue();
            if (feature.getName().startsWith(SentimentFeatures.CARE_PREFIX)) {
                lexicon += push;
            } else if (push > 0) {
                pushes.add(Map.entry(readable(feature.getName()), push));
            }
        }
        List<String> drivers = new ArrayList<>(pushes.stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -e.getValue()))
                .limit(DRIVERS)
                .map(e -> String.format(Locale.ROOT, "%s: %.1f towards %s", e.getKey(), e.getValue(), label))
                .toList());
        if (lexicon > 0) {
            drivers.add(String.format(Locale.ROOT, "%s: %.1f towards %s", CustomerCareRules.NAME, lexicon, label));
        }
        return drivers;
    }

    /** The n-gram of a feature name: "2-N=very/happy_neg" as "very happy (negated)". */
    private static String readable(String featureName) {
        String ngram = featureName.replaceFirst("^\\d+-N=", "").replace('/', ' ');
        return ngram.contains("_neg") ? ngram.replace("_neg", "") + " (negated)" : ngram;
    }

    private static String instanceValue(ModelProvenance provenance, String key) {
        Provenance value = provenance.getInstanceProvenance().getMap().get(key);
        return value == null ? null : value.toString();
    }
}
