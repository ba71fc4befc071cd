package org.touchline.intelligence.propensity;

import java.util.List;

/**
 * A propensity with its reasons: {@code logit(probability) = baseLogOdds + sum of all contributions}; {@code top}
 * holds the largest few by size.
 *
 * @param exampleId   the scored row
 * @param model       the model that scored it (its card says what data and settings made it)
 * @param probability the propensity, in [0, 1]
 * @param baseLogOdds the model's log-odds for an average training customer
 * @param top         the contributions largest in absolute value, largest first
 */
public record Score(String exampleId, ModelVersion model, double probability, double baseLogOdds,
                    List<Contribution> top) {
    public Score {
        top = List.copyOf(top);
    }
}
