package org.touchline.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The errors a value picks up when a person is entered a second time, by another clerk, on another system or over the
 * phone: typing errors, keys next to the intended one, spelling a name the way it sounds, a nickname, digits swapped,
 * day and month swapped, a street kind abbreviated. Each returns the changed value, or null when it cannot apply to
 * this value (no digits to swap, no street kind to shorten), so the caller can pick another error.
 */
final class Corruptions {
    private Corruptions() {}

    private static final String[] KEY_ROWS = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
    /** Letter groups that sound alike, both ways: "Stephen"/"Steven", "Philips"/"Phillips", "Claire"/"Clare". */
    private static final List<String[]> SOUNDS_ALIKE = List.of(new String[]{"ph", "f"}, new String[]{"ck", "k"},
            new String[]{"ll", "l"}, new String[]{"tt", "t"}, new String[]{"nn", "n"}, new String[]{"ss", "s"},
            new String[]{"rr", "r"}, new String[]{"ie", "y"}, new String[]{"ey", "y"}, new String[]{"ai", "ay"},
            new String[]{"ou", "ow"}, new String[]{"ee", "ea"}, new String[]{"ei", "ie"}, new String[]{"c", "k"},
            new String[]{"z", "s"}, new String[]{"son", "sen"}, new String[]{"mac", "mc"});
    /** Silent letters dropped, one way only: "Thompson" is written "Tompson", "Tompson" is not written "Thhompson". */
    private static final List<String[]> SILENT = List.of(new String[]{"th", "t"}, new String[]{"wr", "r"},
            new String[]{"kn", "n"}, new String[]{"ae", "a"}, new String[]{"gh", "g"});
    private static final Map<String, String> STREET_ABBREVIATIONS = Map.ofEntries(Map.entry("Road", "Rd"),
            Map.entry("Street", "St"), Map.entry("Lane", "Ln"), Map.entry("Avenue", "Ave"), Map.entry("Close", "Cl"),
            Map.entry("Drive", "Dr"), Map.entry("Crescent", "Cres"), Map.entry("Gardens", "Gdns"), Map.entry("Grove", "Gr"),
            Map.entry("Place", "Pl"), Map.entry("Terrace", "Terr"), Map.entry("Court", "Ct"), Map.entry("Way", "Wy"));

    /** One typing error: a character inserted, dropped, replaced, or two neighbours swapped. Never returns the input. */
    static String typo(SplittableRandom random, String value) {
        if (value.length() < 2) return value + letterLike(random, value.isEmpty() ? 'a' : value.charAt(0));
        int i = random.nextInt(value.length());
        switch (random.nextInt(4)) {
            case 0 -> {
                return value.substring(0, i) + letterLike(random, value.charAt(i)) + value.substring(i);
            }
            case 1 -> {
                return value.substring(0, i) + value.substring(i + 1);
            }
            case 2 -> {
                return replaceAt(value, i, differentFrom(random, value.charAt(i)));
            }
            default -> {
                int j = Math.min(i, value.length() - 2);
                if (value.charAt(j) == value.charAt(j + 1)) return value.substring(0, j) + value.substring(j + 1);
                char[] c = value.toCharArray();
                char t = c[j];
                c[j] = c[j + 1];
                c[j + 1] = t;
                return new String(c);
            }
        }
    }

    /** A character replaced by one on a key next to it (QWERTY): "Smith" becomes "Smitg". Null when no key has neighbours. */
    static String keyboardNeighbour(SplittableRandom random, String value) {
        int start = random.nextInt(Math.max(1, value.length()));
        for (int k = 0; k < value.length(); k++) {
            int i = (start + k) % value.length();
            String near = neighbours(Character.toLowerCase(value.charAt(i)));
            if (near.isEmpty()) continue;
            char n = near.charAt(random.nextInt(near.length()));
            return replaceAt(value, i, Character.isUpperCase(value.charAt(i)) ? Character.toUpperCase(n) : n);
        }
        return null;
    }

    /** The keys left, right, above and below a key. */
    static String neighbours(char key) {
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < KEY_ROWS.length; row++) {
            int col = KEY_ROWS[row].indexOf(key);
            if (col < 0) continue;
            if (col > 0) out.append(KEY_ROWS[row].charAt(col - 1));
            if (col + 1 < KEY_ROWS[row].length()) out.append(KEY_ROWS[row].charAt(col + 1));
            for (int other : new int[]{row - 1, row + 1}) {
                if (other < 0 || other >= KEY_ROWS.length) continue;
                if (col < KEY_ROWS[other].length()) out.append(KEY_ROWS[other].charAt(col));
            }
        }
        return out.toString();
    }

    /** A spelling that sounds the same: one sound-alike group swapped for its partner. Null when none occurs. */
    static String phonetic(SplittableRandom random, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        int rules = SOUNDS_ALIKE.size() + SILENT.size();
        int start = random.nextInt(rules);
        for (int k = 0; k < rules; k++) {
            int rule = (start + k) % rules;
            boolean silent = rule >= SOUNDS_ALIKE.size();
            String[] pair = silent ? SILENT.get(rule - SOUNDS_ALIKE.size()) : SOUNDS_ALIKE.get(rule);
            for (int side = 0; side < (silent ? 1 : 2); side++) {
                String from = pair[side], to = pair[1 - side];
                // Single letters swap only where they sound alike: "Catherine"/"Katherine" yes, "Ztephen" no.
                boolean letter = from.length() == 1;
                int at = lower.indexOf(from, letter && !from.equals("c") && !from.equals("k") ? 1 : 0);
                if (at < 0 || (letter && at + 1 < lower.length() && lower.charAt(at + 1) == 'h')) continue;
                String replaced = value.substring(0, at) + to + value.substring(at + from.length());
                return at == 0 ? Character.toUpperCase(replaced.charAt(0)) + replaced.substring(1) : replaced;
            }
        }
        return null;
    }

    /** The street kind written short: "Station Road" becomes "Station Rd". Null when the address has no known kind. */
    static String abbreviate(String street) {
        int space = street.lastIndexOf(' ');
        if (space < 0) return null;
        String shortKind = STREET_ABBREVIATIONS.get(street.substring(space + 1));
        return shortKind == null ? null : street.substring(0, space + 1) + shortKind;
    }

    /** A yyyymmdd date with day and month swapped, as an American-format form would; null when that is no date. */
    static String swapDayMonth(String date) {
        if (date.length() != 8) return null;
        String month = date.substring(4, 6), day = date.substring(6, 8);
        if (day.equals(month) || Integer.parseInt(day) > 12) return null;
        return date.substring(0, 4) + day + month;
    }

    /** Two adjacent different digits swapped ("LS12" becomes "LS21"); null when there are none. */
    static String transposeDigits(SplittableRandom random, String value) {
        int start = random.nextInt(Math.max(1, value.length()));
        for (int k = 0; k + 1 < value.length(); k++) {
            int i = (start + k) % (value.length() - 1);
            char a = value.charAt(i), b = value.charAt(i + 1);
            if (Character.isDigit(a) && Character.isDigit(b) && a != b) {
                char[] c = value.toCharArray();
                c[i] = b;
                c[i + 1] = a;
                return new String(c);
            }
        }
        return null;
    }

    /** The short form of a given name ("William" as "Bill"); null when there is none. */
    static String nickname(String given) {
        return PersonData.NICKNAMES.get(given);
    }

    private static String replaceAt(String s, int i, char c) {
        return s.substring(0, i) + c + s.substring(i + 1);
    }

    /** A digit for a digit, a lower-case letter otherwise, so a typo keeps the kind of value. */
    private static char letterLike(SplittableRandom random, char like) {
        return Character.isDigit(like) ? (char) ('0' + random.nextInt(10)) : (char) ('a' + random.nextInt(26));
    }

    private static char differentFrom(SplittableRandom random, char c) {
        char out;
        do {
            out = letterLike(random, c);
        } while (Character.toLowerCase(out) == Character.toLowerCase(c));
        return Character.isUpperCase(c) ? Character.toUpperCase(out) : out;
    }
}
