package org.touchline.intelligence.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Word valences on VADER's -4..+4 scale: the published VADER lexicon ({@code vader_lexicon.txt}, MIT, licence
 * beside it), Touchline's short list of customer-service words and two-word phrases ({@code service_lexicon.txt},
 * VADER wins on a clash), and a few common emoji read as the lexicon word they picture; in the customer-care
 * register ({@link #customerCare()}) also {@code care_lexicon.txt}, which wins on a clash.
 */
public final class SentimentLexicon {

    private static final String VADER = "vader_lexicon.txt";
    private static final String SERVICE = "service_lexicon.txt";
    private static final String CARE = "care_lexicon.txt";

    /** How a list's entries combine with those read before it. */
    private enum Merge { BASE, SUPPLEMENT, OVERRIDE }

    /** Each emoji stands for a VADER word; the word's valence is the emoji's. */
    private static final Map<String, String> EMOJI = Map.ofEntries(
            Map.entry("😀", "grin"), Map.entry("😁", "grin"), Map.entry("😃", "smiling"), Map.entry("😄", "smiling"),
            Map.entry("😊", "smiling"), Map.entry("🙂", "smile"), Map.entry("😂", "laughing"), Map.entry("🤣", "laughing"),
            Map.entry("😍", "love"), Map.entry("🥰", "love"), Map.entry("😘", "love"), Map.entry("❤", "love"),
            Map.entry("💕", "love"), Map.entry("💖", "love"), Map.entry("👍", "good"), Map.entry("👌", "good"),
            Map.entry("👏", "applause"), Map.entry("🙌", "celebrate"), Map.entry("🎉", "celebrate"),
            Map.entry("🙏", "thanks"), Map.entry("😎", "cool"), Map.entry("🤩", "wow"),
            Map.entry("😞", "disappointed"), Map.entry("😔", "sad"), Map.entry("😟", "worried"), Map.entry("😢", "cry"),
            Map.entry("😭", "crying"), Map.entry("😠", "angry"), Map.entry("😡", "rage"), Map.entry("🤬", "furious"),
            Map.entry("😤", "frustrated"), Map.entry("😖", "frustrated"), Map.entry("😣", "frustrated"),
            Map.entry("👎", "bad"), Map.entry("💔", "broken"), Map.entry("😩", "tired"), Map.entry("😫", "tired"),
            Map.entry("🙄", "annoyed"), Map.entry("😒", "annoyed"), Map.entry("🤢", "sick"),
            Map.entry("🤮", "disgusted"), Map.entry("💩", "shit"));

    private static final SentimentLexicon STANDARD = load(false);
    private static final SentimentLexicon CUSTOMER_CARE = load(true);

    private final Map<String, Double> words;
    private final Map<String, Double> phrases;

    private SentimentLexicon(Map<String, Double> words, Map<String, Double> phrases) {
        this.words = Map.copyOf(words);
        this.phrases = Map.copyOf(phrases);
    }

    /** The lexicon shipped with Touchline (loaded once; immutable, so shared freely between threads). */
    public static SentimentLexicon standard() {
        return STANDARD;
    }

    /**
     * The standard lexicon read in the customer-care register ({@code care_lexicon.txt}, Touchline's own): the
     * words of asking ("help", "please", "like") carry no feeling, and what goes wrong for a customer (waits,
     * cancellations, losses, outages, no answer) carries a negative one. Its entries replace VADER's.
     */
    public static SentimentLexicon customerCare() {
        return CUSTOMER_CARE;
    }

    /** The valence of a word, an emoticon or an emoji; looked up as written, then in lower case. */
    public OptionalDouble valence(String word) {
        Double value = words.get(word);
        if (value == null) {
            value = words.get(word.toLowerCase(Locale.ROOT));
        }
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The valence of a two-word phrase such as "never again", given in lower case. */
    public OptionalDouble phrase(String first, String second) {
        Double value = phrases.get(first + " " + second);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** True for a raw token the tokenizer must keep whole: an emoticon such as ":)" or ":-D" in the lexicon. */
    public boolean isEmoticon(String raw) {
        return words.containsKey(raw)
                && raw.chars().anyMatch(c -> !Character.isLetterOrDigit(c) && c != '\'' && c != '-');
    }

    private static SentimentLexicon load(boolean customerCare) {
        Map<String, Double> words = new HashMap<>();
        Map<String, Double> phrases = new HashMap<>();
        readInto(VADER, words, phrases, Merge.BASE);
        readInto(SERVICE, words, phrases, Merge.SUPPLEMENT);
        if (customerCare) {
            readInto(CARE, words, phrases, Merge.OVERRIDE);
        }
        for (Map.Entry<String, String> emoji : EMOJI.entrySet()) {
            Double valence = words.get(emoji.getValue());
            if (valence == null) {
                throw new IllegalStateException("emoji " + emoji.getKey() + " stands for '" + emoji.getValue()
                        + "', which is not in " + VADER);
            }
            words.put(emoji.getKey(), valence);
        }
        return new SentimentLexicon(words, phrases);
    }

    private static void readInto(String resource, Map<String, Double> words, Map<String, Double> phrases,
                                 Merge merge) {
        try (InputStream in = SentimentLexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("sentiment lexicon resource " + resource + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                line = line.strip();
                if (line.isEmpty() || (merge != Merge.BASE && line.startsWith("#"))) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length < 2) {
                    throw new IllegalStateException(resource + " line " + number + ": expected token<TAB>valence");
                }
                double valence;
                try {
                    valence = Double.parseDouble(fields[1].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(resource + " line " + number + ": valence '" + fields[1]
                            + "' is not a number", e);
                }
                String token = fields[0].strip();
                if (merge == Merge.BASE) {
                    // A token listed twice keeps its last value, as the reference implementation's loader does.
                    words.put(token, valence);
                } else {
                    Map<String, Double> into = token.contains(" ") ? phrases : words;
                    String key = token.toLowerCase(Locale.ROOT);
                    if (merge == Merge.OVERRIDE) {
                        into.put(key, valence);
                    } else {
                        into.putIfAbsent(key, valence);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sentiment lexicon " + resource, e);
        }
    }
}
