package org.touchline.identity.match;

import org.apache.commons.text.StringEscapeUtils;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text folding shared by the comparisons and the blocking keys: HTML entities decoded, lower case, no accents,
 * punctuation as spaces.
 */
final class Normalise {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{Alnum}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Normalise() {}

    /** Lower case, accents removed, every run of punctuation or space turned into one space, trimmed; null when blank. */
    static String text(String value) {
        if (value == null) return null;
        // Sources exported from web pages keep HTML entities ("&#199;etintemel", "&mdash;"): read them as characters.
        if (value.indexOf('&') >= 0) value = StringEscapeUtils.unescapeHtml4(value);
        // Every pair comparison folds its values, so plain ASCII (most data) takes a fast path without regexes.
        StringBuilder b = new StringBuilder(value.length());
        boolean space = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) return slowText(value);
            if (c >= 'A' && c <= 'Z') c = (char) (c + 32);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
                space = false;
            } else if (!space) {
                b.append(' ');
                space = true;
            }
        }
        int len = b.length();
        if (len > 0 && b.charAt(len - 1) == ' ') b.setLength(len - 1);
        return b.length() == 0 ? null : b.toString();
    }

    private static String slowText(String value) {
        String s = Normalizer.normalize(value, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("");
        s = NON_ALNUM.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
        return s.isEmpty() ? null : s;
    }

    /**
     * Lower case, accents removed, HTML entities decoded, runs of space as one space, punctuation kept: the form product
     * and organisation text is compared in, where a hyphen inside "PS-LX350H" or a dot in "Co." still says something.
     * Null when blank.
     */
    static String folded(String value) {
        if (value == null) return null;
        if (value.indexOf('&') >= 0) value = StringEscapeUtils.unescapeHtml4(value);
        String s = Normalizer.normalize(value, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
        s = SPACES.matcher(s).replaceAll(" ").trim();
        return s.isEmpty() ? null : s;
    }

    /** Only the digits; null when there are none. */
    static String digits(String value) {
        if (value == null) return null;
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') b.append(c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** Letters and digits only, lower case; null when empty. */
    static String compact(String value) {
        String t = text(value);
        return t == null ? null : t.replace(" ", "");
    }

    /** True when the two strings differ by at most one substitution, insertion, deletion or adjacent swap. */
    static boolean oneTypo(String a, String b) {
        if (a.equals(b)) return true;
        int la = a.length(), lb = b.length();
        if (Math.abs(la - lb) > 1) return false;
        if (la == lb) {
            int first = -1, diffs = 0;
            for (int i = 0; i < la; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (diffs == 0) first = i;
                    diffs++;
                }
            }
            if (diffs == 1) return true;
            return diffs == 2 && first + 1 < la && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
        }
        String shorter = la < lb ? a : b, longer = la < lb ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) i++;
        return shorter.substring(i).equals(longer.substring(i + 1));
    }
}
