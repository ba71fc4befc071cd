package org.touchline.intelligence.sentiment;

/** A message with its known sentiment: what the learner trains on and the evaluation scores against. */
public record LabelledText(String text, Polarity label) {

    public LabelledText {
        if (text == null) {
            throw new IllegalArgumentException("labelled text is missing its text");
        }
        if (label == null) {
            throw new IllegalArgumentException("labelled text '" + abbreviate(text) + "' is missing its label");
        }
    }

    /** A customer's star rating as a label: 1-2 negative, 3 neutral, 4-5 positive. */
    public static LabelledText fromRating(String text, int stars) {
        Polarity label = switch (stars) {
            case 1, 2 -> Polarity.NEGATIVE;
            case 3 -> Polarity.NEUTRAL;
            case 4, 5 -> Polarity.POSITIVE;
            default -> throw new IllegalArgumentException(
                    "rating " + stars + " for '" + abbreviate(text) + "' is not 1 to 5 stars");
        };
        return new LabelledText(text, label);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 40 ? String.valueOf(text) : text.substring(0, 40) + "…";
    }
}
