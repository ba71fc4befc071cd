package org.touchline.identity.match;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.codec.language.Soundex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One part of a blocking rule: a function of one column, written {@code column}, {@code soundex(column)},
 * {@code metaphone(column)}, {@code prefix3(column)}, {@code year(column)}, {@code digits(column)},
 * {@code words(column)}, {@code rare2(column)} or {@code codes(column)}. {@code words} gives one key per significant
 * word, so a record sits in several blocks. The two text functions look at the column's corpus (a run
 * {@link #fitted fits} them to the records first): {@code rareN} gives the record's N rarest words and codes (default
 * 2; blocks stay small because a rare word is rare), {@code codes} its model and part numbers that identify
 * ({@link ModelNumberComparison#identifies}), each normalised so "PS-LX350H" and "PSLX350H" share a block.
 */
public record BlockingKey(String function, int length, String column, TermFrequencies corpus) {
    private static final Pattern SYNTAX = Pattern.compile("\\s*(?:([a-z]+?)(\\d*)\\(\\s*([^)]+?)\\s*\\)|([^()\\s]+))\\s*");
    private static final Set<String> FUNCTIONS = Set.of("exact", "soundex", "metaphone", "prefix", "year", "digits", "words", "rare", "codes");
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "from", "into", "over", "under",
            "its", "are", "via", "using", "based", "towards", "toward", "new", "approach", "data", "system", "systems");
    private static final Soundex SOUNDEX = new Soundex();
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    public BlockingKey(String function, int length, String column) {
        this(function, length, column, null);
    }

    /** Whether the keys depend on the column's corpus, so a run must {@link #fitted fit} this part first. */
    public boolean needsCorpus() { return function.equals("rare") || function.equals("codes"); }

    /** This part with the corpus of its column over {@code records}: the words and codes of each, counted once. */
    public BlockingKey fitted(List<MatchRecord> records) {
        if (!needsCorpus()) return this;
        List<Set<String>> docs = new ArrayList<>(records.size());
        for (MatchRecord r : records) {
            String v = r.value(column);
            if (v == null) continue;
            TextFeatures f = TextFeatures.of(v);
            docs.add(function.equals("codes") ? codesAndStems(f.codes()) : f.terms());
        }
        return new BlockingKey(function, length, column, TermFrequencies.ofWords(docs));
    }

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
            case "rare" -> {
                return rare(raw);
            }
            case "codes" -> {
                return codes(raw);
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

    private void requireCorpus() {
        if (corpus == null) throw new IllegalStateException("blocking key " + this + " needs the column's corpus: fit it to the records first");
    }

    /** The {@code length} (default 2) rarest terms of the value; a term no other record has makes no block, so skip it. */
    private List<String> rare(String raw) {
        requireCorpus();
        List<String> terms = new ArrayList<>();
        for (String t : TextFeatures.of(raw).terms()) if (t.length() >= 2 && corpus.documentFrequency(t) >= 2) terms.add(t);
        // Rarest first; equally rare terms in text order (a stable sort), so the keys are the same on every run.
        terms.sort(Comparator.comparingLong(corpus::documentFrequency));
        int n = length > 0 ? length : 2;
        return List.copyOf(terms.subList(0, Math.min(n, terms.size())));
    }

    /**
     * The record's identifying codes and their stems ({@link TextFeatures#stem}): "SD990IS" and "SD990 IS" meet in the
     * block sd990, "CLI221BLK" and "CLI-221" in cli221. A stem shared by a whole product line is common, so it is not
     * identifying and makes no block.
     */
    private List<String> codes(String raw) {
        requireCorpus();
        List<String> out = new ArrayList<>();
        for (String c : codesAndStems(TextFeatures.of(raw).codes())) if (ModelNumberComparison.identifies(c, corpus)) out.add(c);
        return out;
    }

    private static Set<String> codesAndStems(Set<String> codes) {
        Set<String> out = new LinkedHashSet<>(codes);
        for (String c : codes) {
            String stem = TextFeatures.stem(c);
            if (stem != null) out.add(stem);
        }
        return out;
    }

    @Override
    public String toString() {
        return function.equals("exact") ? column : function + (length > 0 ? length : "") + "(" + column + ")";
    }
}
