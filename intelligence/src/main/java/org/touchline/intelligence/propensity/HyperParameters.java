package org.touchline.intelligence.propensity;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.Objects;

/** The choices made before training; recorded in every model's card. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "algorithm")
@JsonSubTypes({
        @JsonSubTypes.Type(value = HyperParameters.Logistic.class, name = "LOGISTIC"),
        @JsonSubTypes.Type(value = HyperParameters.Boosting.class, name = "GRADIENT_BOOSTING")})
public sealed interface HyperParameters permits HyperParameters.Logistic, HyperParameters.Boosting {

    Algorithm algorithm();

    Rebalancing rebalancing();

    long seed();

    /**
     * Logistic regression by stochastic gradient descent (AdaGrad) on log loss.
     *
     * @param epochs        passes over the training rows
     * @param learningRate  AdaGrad's initial learning rate
     * @param minibatchSize rows per gradient step
     */
    record Logistic(int epochs, double learningRate, int minibatchSize, Rebalancing rebalancing, long seed)
            implements HyperParameters {
        public Logistic {
            positive("epochs", epochs);
            positive("minibatchSize", minibatchSize);
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
            }
            Objects.requireNonNull(rebalancing, "rebalancing");
        }

        /** Tribuo's LogisticRegressionTrainer settings, with more epochs: a stabler fit on small data. */
        public static Logistic defaults() {
            return new Logistic(10, 0.1, 1, Rebalancing.NONE, 12345L);
        }

        @Override
        public Algorithm algorithm() {
            return Algorithm.LOGISTIC;
        }
    }

    /**
     * Gradient-boosted trees (XGBoost, histogram method).
     *
     * @param trees          boosting rounds
     * @param learningRate   shrinkage (XGBoost's eta)
     * @param maxDepth       deepest tree
     * @param minChildWeight smallest hessian sum in a leaf
     * @param subsample      fraction of rows drawn per tree
     * @param columnSample   fraction of columns drawn per tree
     * @param l2             L2 penalty on leaf weights (lambda)
     */
    record Boosting(int trees, double learningRate, int maxDepth, double minChildWeight, double subsample,
                    double columnSample, double l2, Rebalancing rebalancing, long seed) implements HyperParameters {
        public Boosting {
            positive("trees", trees);
            positive("maxDepth", maxDepth);
            fraction("learningRate", learningRate);
            fraction("subsample", subsample);
            fraction("columnSample", columnSample);
            if (minChildWeight < 0 || l2 < 0) {
                throw new IllegalArgumentException("minChildWeight and l2 must be >= 0, were " + minChildWeight + ", " + l2);
            }
            Objects.requireNonNull(rebalancing, "rebalancing");
        }

        public static Boosting defaults() {
            return new Boosting(200, 0.05, 3, 1.0, 0.8, 0.8, 1.0, Rebalancing.NONE, 12345L);
        }

        @Override
        public Algorithm algorithm() {
            return Algorithm.GRADIENT_BOOSTING;
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
    }

    private static void fraction(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
        }
    }
}
