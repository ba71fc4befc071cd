package org.touchline.identity.match;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.codec.language.Soundex;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One part of a blocking rule: a function of one column, written {@code column}, {@code soundex(column)},
 * {@code metaphone(column)}, {@code prefix3(column)}, {@code year(column)}, {@code digits(column)} or
 * {@code words(column)}. {@code words} gives one key per significant word, so a record sits in several blocks.
 */
public record BlockingKey(String function, int length, String column) {
    private static final Pattern SYNTAX = Pattern.compile("\\s*(?:([a-z]+?)(\\d*)\\(\\s*([^)]+?)\\s*\\)|([^()\\s]+))\\s*");
    private static final Set<String> FUNCTIONS = Set.of("exact", "soundex", "metaphone", "prefix", "year", "digits", "words");
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "from", "into", "over", "under",
            "its", "are", "via", "using", "based", "towards", "toward", "new", "approach", "data", "system", "systems");
    private static final Soundex SOUNDEX = new Soundex();
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    /** Reads {@code prefix3(given_name)} and friends. */
    public static BlockingKey parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) throw new IllegalArgumentException("cannot read blocking key '" + text + "'");
        if (m.group(4) != null) return new BlockingKey("exact", 0, m.group(4));
        String fn = m.group(1).toLowerCase(Locale.ROOT);
        if (!FUNCTIONS.contains(fn)) throw new IllegalArgumentException("unknown blocking function '" + fn + "' in '" + text + "'");
        int len = m.group(2).isEmpty() ? 0 : Integer.parseInt(m.group(2));
        if (fn.equals("prefix") && len <= 0) throw new IllegalArgumentException("prefix needs a length, e.g. prefix3(" + m.group(3) + ")");
        return new BlockingKey(fn, len, m.group(3));
    }

    /** The keys of a record under this part; empty when the value is missing, so the record joins no block. */
    public List<String> keys(MatchRecord record) {
        String raw = record.value(column);
        if (raw == null) return List.of();
        String value;
        switch (function) {
            case "exact" -> value = Normalise.compact(raw);
            case "soundex" -> {
                String letters = Normalise.compact(raw);
                value = letters == null ? null : soundex(letters);
            }
            case "metaphone" -> {
                String letters = Normalise.compact(raw);
                value = letters == null ? null : METAPHONE.doubleMetaphone(letters);
            }
            case "prefix" -> {
                String c = Normalise.compact(raw);
                value = c == null ? null : c.substring(0, Math.min(length, c.length()));
            }
            case "year" -> {
                String d = Normalise.digits(raw);
                value = d == null || d.length() < 4 ? null : d.substring(0, 4);
            }
            case "digits" -> value = Normalise.digits(raw);
            case "words" -> {
                return words(raw);
            }
            default -> throw new IllegalStateException(function);
        }
        return value == null || value.isEmpty() ? List.of() : List.of(value);
    }

    private static String soundex(String letters) {
        try {
            return SOUNDEX.encode(letters);
        } catch (IllegalArgumentException e) {
            return letters; // characters soundex cannot map: block on the text itself
        }
    }

    private List<String> words(String raw) {
        String t = Normalise.text(raw);
        if (t == null) return List.of();
        Set<String> out = new LinkedHashSet<>();
        for (String w : t.split(" ")) {
            if (w.length() >= 3 && !STOP_WORDS.contains(w)) out.add(length > 0 ? w.substring(0, Math.min(length, w.length())) : w);
        }
        return new ArrayList<>(out);
    }

    @Override
    public String toString() {
        return function.equals("exact") ? column : function + (length > 0 ? length : "") + "(" + column + ")";
    }
}
