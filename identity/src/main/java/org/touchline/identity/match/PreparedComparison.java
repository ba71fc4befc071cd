package org.touchline.identity.match;

/**
 * A comparison whose grading repeats work on each value (Double Metaphone codes of a name, the word set of an
 * address) that can be done once per value instead of once per pair: a name in a million records sits in dozens of
 * candidate pairs. {@link NormalisedValues} prepares each distinct value once; grading a pair from prepared values must
 * give exactly the level {@link #graded(String, String)} gives.
 */
public interface PreparedComparison<P> extends Comparison {
    /** The per-value work for a normalised, present value. */
    P prepare(String normalised);

    /** The level of two present, different normalised values, given what {@link #prepare} made of each. */
    int graded(String x, P px, String y, P py);

    @Override
    default int graded(String x, String y) {
        return graded(x, prepare(x), y, prepare(y));
    }
}
