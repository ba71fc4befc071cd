package org.touchline.intelligence.propensity;

/** Splits a model's log-odds for a row into a base value and one share per encoded column. */
interface Attribution {
    /**
     * For each encoded row: {@code width} column shares followed by the base value; base plus shares is the
     * log-odds of the positive outcome.
     */
    double[][] explain(double[][] rows);
}
