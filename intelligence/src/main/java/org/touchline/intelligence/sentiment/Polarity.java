package org.touchline.intelligence.sentiment;

import java.util.Locale;

/** The three sentiment classes of a customer message. */
public enum Polarity {
    NEGATIVE, NEUTRAL, POSITIVE;

    /** Parses a label as written in data files ("negative", "Neutral", ...). */
    public static Polarity parse(String label) {
        if (label == null) {
            throw new IllegalArgumentException("sentiment label is missing");
        }
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "negative" -> NEGATIVE;
            case "neutral" -> NEUTRAL;
            case "positive" -> POSITIVE;
            default -> throw new IllegalArgumentException(
                    "sentiment label '" + label + "' is not one of negative, neutral, positive");
        };
    }
}
