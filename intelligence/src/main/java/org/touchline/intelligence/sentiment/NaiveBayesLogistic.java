package org.touchline.intelligence.sentiment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.Map;

import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.common.liblinear.LibLinearModel;
import org.tribuo.common.liblinear.LibLinearTrainer;

/** NB-weighted logistic regression's three models, read by hand to apply the interpolation beta. */
final class NaiveBayesLogistic {
    private final PolarityRatios ratios;
    private final SentimentLearner.NaiveBayesWeighting settings;
    private final Map<Polarity, LibLinearModel<Label>> models;
    /** Each polarity's weights towards it, interpolated, the bias last ({@link LibLinearTrainer#exampleToNodes}). */
    private final Map<Polarity, double[]> weights = new EnumMap<>(Polarity.class);

    NaiveBayesLogistic(Map<Polarity, LibLinearModel<Label>> models, PolarityRatios ratios,
            SentimentLearner.NaiveBayesWeighting settings) {
        this.models = models;
        this.ratios = ratios;
        this.settings = settings;
        models.forEach((polarity, model) -> {
            var inner = model.getInnerModels().get(0);
            double[] w = inner.getFeatureWeights().clone();
            int towards = model.getOutputIDInfo().getID(new Label(polarity.name()));
            double sign = inner.getLabels()[0] == towards ? 1 : -1;
            int features = model.getFeatureIDMap().size();
            double mean = 0;
            for (int j = 0; j < features; j++) {
                w[j] *= sign;
                mean += Math.abs(w[j]) / features;
            }
            w[features] *= sign;
            for (int j = 0; j < features; j++) {
                w[j] = (1 - settings.beta()) * mean + settings.beta() * w[j];
            }
            weights.put(polarity, w);
        });
    }

    /** Each polarity's probability against the rest, normalised to sum to 1 (as LIBLINEAR's one-vs-rest). */
    double[] probabilities(Example<Label> example) {
        double[] p = new double[Polarity.values().length];
        double sum = 0;
        for (Polarity polarity : Polarity.values()) {
            LibLinearModel<Label> model = models.get(polarity);
            Example<Label> weighted = ratios.weigh(example, polarity, example.getOutput(), settings.binary());
            double[] w = weights.get(polarity);
            double decision = 0;
            for (FeatureNode node : LibLinearTrainer.exampleToNodes(weighted, model.getFeatureIDMap(), null)) {
                decision += w[node.getIndex() - 1] * node.getValue();
            }
            p[polarity.ordinal()] = 1 / (1 + Math.exp(-decision));
            sum += p[polarity.ordinal()];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /**
     * NB-LR as one LIBLINEAR model on the unscaled features, of the same shape as {@code linear} (a model on the
     * same dataset, one weight vector per polarity): its score for a polarity is linear in them,
     * {@code w · (r ∘ x) + b = (w ∘ r) · x + b}, so each weight is multiplied by its feature's ratio. Exact for
     * unbinarised features only. Built by rewriting {@code linear}'s weights (LIBLINEAR's own text format, in a
     * Java-serialised copy of it), as neither library lets a model's weights be set.
     */
    LibLinearModel<Label> foldedInto(LibLinearModel<Label> linear) {
        if (settings.binary()) {
            throw new IllegalStateException("binarised features are not linear in the current ones");
        }
        try {
            de.bwaldvogel.liblinear.Model inner = linear.getInnerModels().get(0);
            int classes = inner.getNrClass();
            if (classes != Polarity.values().length) {
                throw new IllegalArgumentException("a model per polarity needs " + Polarity.values().length
                        + " classes, got " + classes);
            }
            ImmutableFeatureMap features = linear.getFeatureIDMap();
            double[] w = new double[inner.getFeatureWeights().length];
            boolean bias = w.length > features.size() * classes;
            for (int i = 0; i < classes; i++) {
                Polarity polarity = Polarity.valueOf(
                        linear.getOutputIDInfo().getOutput(inner.getLabels()[i]).getLabel());
                double[] own = weights.get(polarity);
                ImmutableFeatureMap nbFeatures = models.get(polarity).getFeatureIDMap();
                for (VariableInfo info : features) {
                    int nbId = nbFeatures.getID(info.getName());
                    if (nbId >= 0) {
                        w[features.getID(info.getName()) * classes + i] =
                                own[nbId] * ratios.ratio(polarity, info.getName());
                    }
                }
                if (bias) {
                    w[features.size() * classes + i] = own[nbFeatures.size()];
                }
            }
            StringWriter text = new StringWriter();
            Linear.saveModel(text, inner);
            StringBuilder rewritten = new StringBuilder();
            for (String line : text.toString().split("\n")) {
                rewritten.append(line).append('\n');
                if (line.trim().equals("w")) {
                    break;
                }
            }
            for (int row = 0; row < w.length / classes; row++) {
                for (int i = 0; i < classes; i++) {
                    rewritten.append(w[row * classes + i]).append(' ');
                }
                rewritten.append('\n');
            }
            de.bwaldvogel.liblinear.Model folded = Linear.loadModel(new StringReader(rewritten.toString()));
            // A copy of linear with its LIBLINEAR model replaced, by Java serialisation: neither library copies a
            // model with other weights.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
                {
                    enableReplaceObject(true);
                }

                @Override
                protected Object replaceObject(Object object) {
                    return object instanceof de.bwaldvogel.liblinear.Model ? folded : object;
                }
            }) {
                out.writeObject(linear);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                @SuppressWarnings("unchecked")
                LibLinearModel<Label> model = (LibLinearModel<Label>) in.readObject();
                return model;
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot rewrite a LIBLINEAR model's weights", e);
        }
    }

    static Polarity best(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return Polarity.values()[best];
    }
}
