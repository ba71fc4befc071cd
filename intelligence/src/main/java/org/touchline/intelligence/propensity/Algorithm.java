package org.touchline.intelligence.propensity;

/** The learners on offer. */
public enum Algorithm {
    /** Tribuo's linear SGD with log loss (logistic regression). */
    LOGISTIC,
    /** Tribuo's XGBoost trainer (gradient-boosted trees). */
    GRADIENT_BOOSTING
}
