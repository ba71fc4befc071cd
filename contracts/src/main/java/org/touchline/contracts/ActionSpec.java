package org.touchline.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One action of a definition: its type and its parameters as written (strings, and longs for literal numbers; an
 * {@code amount} given as a string is a CEL expression). Checked against {@link ActionType#params()} when read.
 */
public record ActionSpec(ActionType type, Map<String, Object> params) {
    public ActionSpec {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }

    /** A string parameter, or null when absent. */
    public String text(String name) {
        Object v = params.get(name);
        return v instanceof String s ? s : null;
    }

    /** The amount: a literal, or null when it is an expression ({@link #amountExpression()}). */
    public Long amountLiteral() {
        return params.get("amount") instanceof Long l ? l : null;
    }

    /** The amount's CEL expression, or null when it is a literal. */
    public String amountExpression() {
        return params.get("amount") instanceof String s ? s : null;
    }

    /** A number parameter (days, dueDays), or null when absent. */
    public Long number(String name) {
        return params.get(name) instanceof Long l ? l : null;
    }
}
