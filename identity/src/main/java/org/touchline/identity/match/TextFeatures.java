package org.touchline.identity.match;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What product and organisation text is compared by: its words (folded, punctuation as spaces), the codes in it
 * (model and part numbers, SKUs: "PS-LX350H" and "PSLX350H" both give {@code pslx350h}) and the text with only letters
 * and digits left, where a code written with a space ("KP 36IP") is still found.
 *
 * <p>Hand-written rather than a Lucene analyzer: a code is one whitespace-separated piece with its inner hyphens and
 * dots dropped, which no stock analyzer does (the standard tokenizer splits "PS-LX350H" in two, the word-delimiter
 * filter needs a whole analysis chain), and the rules are a few lines that read as what they mean.
 */
public record TextFeatures(List<String> words, Set<String> codes, String compact) {
    /**
     * Pieces of text codes are taken from: split on space and on the separators of lists and brackets, not on - . or /
     * inside a piece ("MB471LL/A" is the code mb471lla; a slash between words comes with a space in product text).
     */
    private static final Pattern PIECES = Pattern.compile("[\\s,;:()\\[\\]{}+|\"'*!?]+");
    private static final Pattern EDGES = Pattern.compile("^[^\\p{Alnum}]+|[^\\p{Alnum}]+$");
    /**
     * A quantity with a unit (500gb, 2.4ghz, 10ft, 1080p, 375-watt, 16x): letters and digits, but a property shared by many
     * products, not a code. Units of size, data, frequency, power, weight, volume, time and pack counts.
     */
    private static final Pattern QUANTITY = Pattern.compile("\\d+(?:[.,]\\d+)?-?(?:x\\d+(?:[.,]\\d+)?)?-?"
            + "(?:mm|cm|m|km|in|inch|inches|ft|feet|yd|mb|gb|tb|kb|pb|mbps|gbps|kbps|mb/s|ghz|mhz|khz|hz|w|kw|watt|watts|v|volt|volts"
            + "|mah|ah|mp|megapixel|rpm|lb|lbs|oz|kg|g|mg|ml|l|ltr|litre|liter|s|sec|ms|min|hr|hrs|h|p|i|bit|bits|pk|pack|pc|pcs"
            + "|ct|count|x|fps|db|dpi|ppm|nm|lm|k|mw|pin|port|ports|ch|channel|way|cup|cups|qt|gal|sq|btu|amp|amps|a|ohm|ohms"
            + "|st|nd|rd|th|day|days|yr|year|years|month|months|pt|ft-lb|lux|mil|gauge|awg)");

    public TextFeatures {
        words = List.copyOf(words);
        codes = Set.copyOf(codes);
    }

    /** The features of a value {@link Normalise#folded folded} (or raw); empty for null. */
    public static TextFeatures of(String value) {
        String folded = Normalise.folded(value);
        if (folded == null) return new TextFeatures(List.of(), Set.of(), "");
        String text = Normalise.text(folded);
        List<String> words = text == null ? List.of() : List.copyOf(new LinkedHashSet<>(List.of(text.split(" "))));
        return new TextFeatures(words, codes(folded), text == null ? "" : text.replace(" ", ""));
    }

    /**
     * The codes in folded text: a piece with digits in it, four or more letters and digits long once inner punctuation
     * is dropped (five or more when all digits, so years and small counts are not codes), that is not a quantity.
     */
    static Set<String> codes(String folded) {
        Set<String> out = new LinkedHashSet<>();
        for (String piece : PIECES.split(folded)) {
            String t = EDGES.matcher(piece).replaceAll("");
            if (t.isEmpty() || QUANTITY.matcher(t).matches()) continue;
            StringBuilder c = new StringBuilder(t.length());
            boolean letters = false, digits = false;
            for (int i = 0; i < t.length(); i++) {
                char ch = t.charAt(i);
                if (Character.isDigit(ch)) digits = true;
                else if (Character.isLetter(ch)) letters = true;
                else continue;
                c.append(ch);
            }
            if (!digits || c.length() < 4 || c.length() > 24) continue;
            if (!letters && c.length() < 5) continue;
            out.add(c.toString());
        }
        return out;
    }

    /**
     * A code without its trailing letters ("SD990IS" → sd990, "CLI221BLK" → cli221): where colour, region and edition
     * suffixes go, which sources write differently. Null when the stem would be under four characters or all digits.
     */
    static String stem(String code) {
        int end = code.length();
        while (end > 0 && Character.isLetter(code.charAt(end - 1))) end--;
        if (end == code.length() || end < 4) return end == code.length() ? code : null;
        String stem = code.substring(0, end);
        for (int i = 0; i < stem.length(); i++) if (Character.isLetter(stem.charAt(i))) return stem;
        return null;
    }

    /** The words, and the codes that are not already words, as one bag of terms for weighting. */
    public Set<String> terms() {
        Set<String> out = new LinkedHashSet<>(words);
        out.addAll(codes);
        return out;
    }
}
