package org.touchline.intelligence.propensity;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

import java.util.Arrays;

/**
 * A boosted model, run through the XGBoost booster inside the Tribuo model: {@code predict} for probabilities and
 * {@code predictContrib} for exact TreeSHAP shares (Tribuo's own explanation of an XGBoost model is empty). Both
 * calls read one matrix that is freed at once. (Tribuo's {@code predict} leaves its matrices to the garbage
 * collector; at a million customers on a 4 GB heap, single scoring through it slowed to over 5 ms a call, all of it
 * inside XGBoost's native predict, most likely its per-matrix prediction cache.) Tribuo trains two-class XGBoost as a two-way softmax, so a
 * column's log-odds share is its share for the positive class minus its share for the negative one.
 */
final class BoostedScorer implements RowScorer {
    private final Booster booster;
    private final int[] idOfColumn;
    private final int modelWidth;
    private final int pos;
    private final int neg;

    BoostedScorer(XGBoostModel<Label> model, Encoding encoding, Label positive) {
        if (model.getOutputIDInfo().size() != 2) {
            throw new IllegalArgumentException("a propensity model has two outcomes, this one has "
                    + model.getOutputIDInfo().size());
        }
        this.booster = model.getInnerModels().get(0); // Tribuo hands out a copy
        try {
            // The copy forgets its thread setting; one row at a time gains nothing from OpenMP and loses to its start-up.
            booster.setParam("nthread", 1);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost refused nthread=1", e);
        }
        ImmutableFeatureMap features = model.getFeatureIDMap();
        this.modelWidth = features.size();
        this.idOfColumn = new int[encoding.width()];
        for (int col = 0; col < idOfColumn.length; col++) {
            idOfColumn[col] = features.getID(encoding.columnArray()[col]);
        }
        this.pos = model.getOutputIDInfo().getID(positive);
        this.neg = 1 - pos;
    }

    @Override
    public Scored score(double[][] rows, boolean withReasons) {
        float[] data = new float[rows.length * modelWidth];
        Arrays.fill(data, Float.NaN);
        for (int r = 0; r < rows.length; r++) {
            for (int col = 0; col < idOfColumn.length; col++) {
                if (idOfColumn[col] >= 0) {
                    data[r * modelWidth + idOfColumn[col]] = (float) rows[r][col];
                }
            }
        }
        float[][] predictions;
        float[][] contributions = null;
        try {
            DMatrix matrix = new DMatrix(data, rows.length, modelWidth, Float.NaN);
            try {
                predictions = booster.predict(matrix);
                if (withReasons) {
                    contributions = booster.predictContrib(matrix, 0);
                }
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not score " + rows.length + " rows", e);
        }
        double[] probabilities = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            // softprob gives one probability per class; a binary:logistic booster gives that of id 1 alone
            probabilities[r] = predictions[r].length == 2 ? predictions[r][pos]
                    : pos == 1 ? predictions[r][0] : 1 - predictions[r][0];
        }
        return new Scored(probabilities, contributions == null ? null : shares(contributions));
    }

    private double[][] shares(float[][] contributions) {
        int stride = modelWidth + 1;
        double[][] out = new double[contributions.length][];
        for (int r = 0; r < contributions.length; r++) {
            float[] c = contributions[r];
            double[] shares = new double[idOfColumn.length + 1];
            for (int col = 0; col < idOfColumn.length; col++) {
                shares[col] = idOfColumn[col] < 0 ? 0 : logOdds(c, stride, idOfColumn[col]);
            }
            shares[idOfColumn.length] = logOdds(c, stride, modelWidth);
            out[r] = shares;
        }
        return out;
    }

    private double logOdds(float[] c, int stride, int index) {
        if (c.length == stride) { // a single-margin (binary:logistic) booster: its margin is the log-odds of id 1
            return pos == 1 ? c[index] : -c[index];
        }
        return (double) c[pos * stride + index] - c[neg * stride + index];
    }
}
