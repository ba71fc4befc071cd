package org.touchline.identity.match;

import java.util.List;

/**
 * A comparison whose levels depend on the column's own corpus: how rare each word or code is among the values being
 * matched. A run {@link #fitted fits} it to the column's values before comparing any pair, so the same config weighs
 * a product catalogue's words by that catalogue and an organisation list's by that list.
 */
public interface CorpusComparison extends Comparison {
    /** This comparison with its statistics taken from the column's values ({@link #normalise normalised}, null when missing). */
    Comparison fitted(List<String> normalisedValues);
}
