package org.touchline.journeys;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where an interaction sits in a customer's journey. Written in JSON and YAML in lower case ({@code upsell_cross_sell}). */
public enum Stage {
    AWARENESS, INTEREST, CONSIDERATION, DECISION, UPSELL_CROSS_SELL, SUPPORT, RETENTION, ADVOCACY;

    private static final Stage[] ALL = values();

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stage named {@code id} (case-insensitive; {@code upsell} is accepted for {@code upsell_cross_sell}). */
    @JsonCreator
    public static Stage of(String id) {
        if (id == null) throw new IllegalArgumentException("stage is missing");
        String s = id.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (s.equals("UPSELL") || s.equals("CROSS_SELL")) return UPSELL_CROSS_SELL;
        for (Stage st : ALL) if (st.name().equals(s)) return st;
        throw new IllegalArgumentException("unknown stage '" + id + "': one of "
                + Arrays.stream(ALL).map(Stage::id).collect(Collectors.joining(", ")));
    }

    static Stage at(int ordinal) {
        return ALL[ordinal];
    }
}
