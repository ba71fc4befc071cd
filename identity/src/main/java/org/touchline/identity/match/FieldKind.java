package org.touchline.identity.match;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a column holds, which decides how two of its values are compared. Written in a config in lower case with
 * hyphens: {@code name}, {@code weighted-text}, {@code model-number}.
 */
public enum FieldKind {
    NAME, DATE, POSTCODE, PHONE, EMAIL, TEXT, NUMBER, CODE,
    /** Text whose words are weighed by rarity in the column (TF-IDF cosine). */
    WEIGHTED_TEXT,
    /** Whether two texts share their rarest words. */
    RARE_WORDS,
    /** Model and part numbers found in text, compared exactly after normalisation. */
    MODEL_NUMBER,
    /** Prices and quantities, compared by ratio. */
    AMOUNT,
    /** Company and organisation names: legal forms dropped, abbreviations spelt out, initials. */
    ORGANISATION;

    /** The comparison for a column of this kind. */
    public Comparison comparison(String column) {
        return switch (this) {
            case NAME -> new NameComparison(column);
            case DATE -> new DateComparison(column);
            case POSTCODE -> new PostcodeComparison(column);
            case PHONE -> new PhoneComparison(column);
            case EMAIL -> new EmailComparison(column);
            case TEXT -> new TextComparison(column);
            case NUMBER -> new NumberComparison(column);
            case CODE -> new CodeComparison(column);
            case WEIGHTED_TEXT -> new WeightedTextComparison(column);
            case RARE_WORDS -> new RareWordsComparison(column);
            case MODEL_NUMBER -> new ModelNumberComparison(column);
            case AMOUNT -> new AmountComparison(column);
            case ORGANISATION -> new OrganisationComparison(column);
        };
    }

    /** Reads a kind as written in a config ("name", "postcode", "weighted-text", ...). */
    public static FieldKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown field kind '" + text + "'; kinds are " + allWritten());
        }
    }

    /** The kind as a config writes it. */
    public String written() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    private static String allWritten() {
        return String.join(", ", Arrays.stream(values()).map(FieldKind::written).toList());
    }
}
