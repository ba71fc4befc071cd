package org.touchline.identity.match;

import java.util.Locale;

/** What a column holds, which decides how two of its values are compared. */
public enum FieldKind {
    NAME, DATE, POSTCODE, PHONE, EMAIL, TEXT, NUMBER, CODE;

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
        };
    }

    /** Reads a kind as written in a config ("name", "postcode", ...). */
    public static FieldKind parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
