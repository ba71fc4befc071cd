package org.touchline.identity.match;

/** What a scored pair leads to. */
public enum Decision {
    /** At or above the upper threshold: the records are linked. */
    LINK,
    /** Between the thresholds: an agent accepts or rejects it in the review queue. */
    REVIEW,
    /** Below the lower threshold. */
    NO_LINK
}
