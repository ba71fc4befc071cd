package org.touchline.intelligence.propensity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a model is and where it came from, saved beside it and carried by every score through its version.
 *
 * @param model               name and version
 * @param hyperParameters     the algorithm and its settings
 * @param trainingWindow      earliest and latest {@code asOf} of the training rows
 * @param trainingRows        training rows (before any rebalancing)
 * @param trainingPositives   of which with a positive outcome
 * @param numericFeatures     the numeric features it reads
 * @param categoricalFeatures the categorical features it reads
 * @param trainedAt           when training finished
 * @param tribuoProvenance    Tribuo's own record of trainer, data set and run, as nested maps
 */
public record ModelCard(ModelVersion model, HyperParameters hyperParameters, DataWindow trainingWindow,
                        int trainingRows, int trainingPositives, List<String> numericFeatures,
                        List<String> categoricalFeatures, Instant trainedAt, Map<String, Object> tribuoProvenance) {
    public ModelCard {
        numericFeatures = List.copyOf(numericFeatures);
        categoricalFeatures = List.copyOf(categoricalFeatures);
    }
}
