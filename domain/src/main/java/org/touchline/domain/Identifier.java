package org.touchline.domain;

import java.util.Locale;

/**
 * One identifier a source system holds for a person: an account number, an email, a phone, a loyalty card...
 * Values are normalised on construction so that the same identifier written two ways compares equal.
 */
public record Identifier(String type, String value) {

    public Identifier {
        if (type == null || type.isBlank()) throw new IllegalArgumentException("identifier type is missing");
        if (value == null || value.isBlank()) throw new IllegalArgumentException("identifier value is missing");
        type = type.trim().toLowerCase(Locale.ROOT);
        value = IdentifierType.normalise(type, value);
        // A phone of letters only normalises to nothing: refuse it here, or a replay could not read it back.
        if (value.isBlank()) throw new IllegalArgumentException("identifier value has nothing a " + type + " can hold");
    }

    /** Parses the {@code type:value} form used in lookups, e.g. {@code email:a@b.c}. */
    public static Identifier parse(String typeColonValue) {
        int colon = typeColonValue == null ? -1 : typeColonValue.indexOf(':');
        if (colon <= 0 || colon == typeColonValue.length() - 1)
            throw new IllegalArgumentException("identifier must be written type:value, e.g. email:a@b.c");
        return new Identifier(typeColonValue.substring(0, colon), typeColonValue.substring(colon + 1));
    }

    public boolean isStrong() { return IdentifierType.isStrong(type); }

    @Override public String toString() { return type + ":" + value; }
}
