package org.touchline.journeys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Strings to dense codes 0, 1, 2... in order of first appearance. */
final class Dictionary {
    private final List<String> values;
    private final Map<String, Integer> codes;

    Dictionary() {
        this.values = new ArrayList<>();
        this.codes = new HashMap<>();
    }

    Dictionary(Dictionary copy) {
        this.values = new ArrayList<>(copy.values);
        this.codes = new HashMap<>(copy.codes);
    }

    int intern(String value) {
        Integer c = codes.get(value);
        if (c != null) return c;
        int code = values.size();
        values.add(value);
        codes.put(value, code);
        return code;
    }

    /** The code of {@code value}, or -1 if it never appeared. */
    int code(String value) {
        Integer c = codes.get(value);
        return c == null ? -1 : c;
    }

    String value(int code) { return values.get(code); }

    int size() { return values.size(); }

    List<String> values() { return List.copyOf(values); }
}
