package org.touchline.intelligence.propensity;

import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * A logistic model: probabilities from Tribuo, and exact shares of weight times (value minus its training mean).
 * For a standardised numeric that is weight times the standardised value; centring the one-hot columns too makes
 * every share relative to an average training customer, the reference the tree explanation uses as well. (This is
 * the linear model's SHAP value.)
 */
final class LinearScorer implements RowScorer {
    private final LinearSGDModel model;
    private final Encoding encoding;
    private final Label positive;
    private final double[] coefficient;
    private final double[] mean;
    private final double base;

    LinearScorer(LinearSGDModel model, Encoding encoding, Label positive) {
        if (model.getOutputIDInfo().size() != 2) {
            throw new IllegalArgumentException("a propensity model has two outcomes, this one has "
                    + model.getOutputIDInfo().size());
        }
        this.model = model;
        this.encoding = encoding;
        this.positive = positive;
        // Tribuo fits a two-way softmax: the log-odds of positive is the difference of the two rows of weights.
        DenseMatrix weights = model.getWeightsCopy();
        int pos = model.getOutputIDInfo().getID(positive);
        int neg = 1 - pos;
        ImmutableFeatureMap features = model.getFeatureIDMap();
        int biasColumn = features.size();
        coefficient = new double[encoding.width()];
        mean = new double[encoding.width()];
        double b = weights.get(pos, biasColumn) - weights.get(neg, biasColumn);
        for (int col = 0; col < encoding.width(); col++) {
            int id = features.getID(encoding.columnArray()[col]);
            coefficient[col] = id < 0 ? 0 : weights.get(pos, id) - weights.get(neg, id);
            mean[col] = encoding.columnMean(col);
            b += coefficient[col] * mean[col];
        }
        base = b;
    }

    @Override
    public Scored score(double[][] rows, boolean withReasons) {
        List<Example<Label>> examples = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, encoding.columnArray(), row));
        }
        List<Prediction<Label>> predictions = rows.length == 1 ? List.of(model.predict(examples.get(0)))
                : model.predict(examples);
        double[] probabilities = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            probabilities[r] = predictions.get(r).getOutputScores().get(positive.getLabel()).getScore();
        }
        return new Scored(probabilities, withReasons ? shares(rows) : null);
    }

    private double[][] shares(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double[] shares = new double[coefficient.length + 1];
            for (int col = 0; col < coefficient.length; col++) {
                shares[col] = coefficient[col] * (rows[r][col] - mean[col]);
            }
            shares[coefficient.length] = base;
            out[r] = shares;
        }
        return out;
    }
}
