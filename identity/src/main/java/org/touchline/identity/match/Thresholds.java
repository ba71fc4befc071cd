package org.touchline.identity.match;

/**
 * The two thresholds on match probability of the Fellegi-Sunter decision rule: at or above {@code upper} link,
 * at or above {@code lower} send to review, below it no link. They are probabilities, not weights, so they mean the
 * same on every data set.
 */
public record Thresholds(double upper, double lower) {
    public Thresholds {
        if (!(lower >= 0 && lower <= upper && upper <= 1))
            throw new IllegalArgumentException("need 0 <= lower <= upper <= 1, got lower=" + lower + " upper=" + upper);
    }

    public Decision route(double probability) {
        if (probability >= upper) return Decision.LINK;
        if (probability >= lower) return Decision.REVIEW;
        return Decision.NO_LINK;
    }
}
