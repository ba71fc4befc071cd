package org.touchline.intelligence.propensity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** A model's name and version, written {@code churn@3}. Versions start at 1 and grow by one per training. */
public record ModelVersion(String name, int version) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public ModelVersion {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name '" + name
                    + "' must be 1-64 of a-z, 0-9, '_' or '-' (it names a directory)");
        }
        if (version < 1) {
            throw new IllegalArgumentException("model " + name + ": version must be >= 1, was " + version);
        }
    }

    /** Reads {@code name@version}. */
    @JsonCreator
    public static ModelVersion parse(String text) {
        int at = text == null ? -1 : text.lastIndexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("model version '" + text + "' is not of the form name@version");
        }
        try {
            return new ModelVersion(text.substring(0, at), Integer.parseInt(text.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model version '" + text + "': version is not a number", e);
        }
    }

    public ModelVersion next() {
        return new ModelVersion(name, version + 1);
    }

    @JsonValue
    @Override
    public String toString() {
        return name + "@" + version;
    }
}
