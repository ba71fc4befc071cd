/**
 * Churn and upsell propensity: models trained with Tribuo (logistic regression or XGBoost gradient boosting) over
 * named numeric and categorical features, evaluated on honest splits (by customer, by time), versioned on a shelf,
 * and scoring with the top contributing features and the model's provenance attached to every score.
 */
package org.touchline.intelligence.propensity;
