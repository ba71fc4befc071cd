package org.touchline.intelligence.sentiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.text.TextFeatureExtractor;
import org.tribuo.data.text.impl.TextFeatureExtractorImpl;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.impl.ArrayExample;
import org.tribuo.util.tokens.impl.WhitespaceTokenizer;

/**
 * Turns a message into the learner's features. The message is first rewritten as normalised words: lower case,
 * links as {@code <url>}, @mentions as {@code <user>}, numbers as {@code <num>}, "#tag" as "tag", letters
 * repeated three times or more cut to two ("soooo" as "soo"), "!" and "?" kept as words, and every word a negation
 * reaches ({@link NegationScope}, shared with the lexicon analyzer) suffixed {@code _neg}, so that "not happy"
 * gives the feature "happy_neg", not "happy". From those words come three blocks of features:
 * <ul>
 *   <li>word unigrams and bigrams (Tribuo's token pipeline), binary;</li>
 *   <li>character n-grams of 2 to 5 letters inside each word, the word padded by a space at each end (the
 *   "char_wb" analyzer of scikit-learn), binary, a negated word's in a namespace of their own: they read
 *   misspellings, inflections and run-together words ("cancelled", "canceled", "Cancelled Flightled") alike;</li>
 *   <li>the default analyzer's reading of the message ({@link LexiconSentimentAnalyzer#customerCare()}): its class,
 *   and its score as praise or complaint, so that a model trained on a few hundred rated messages starts from
 *   what the lexicon knows instead of from nothing.</li>
 * </ul>
 * The two n-gram blocks are each scaled to unit length (L2), as a union of normalised vectorizers is, so that a
 * long message weighs no more than a short one and the hundreds of character n-grams do not drown the words.
 * Thread-safe: Tribuo's pipeline keeps one tokenizer per thread.
 */
public final class SentimentFeatures {

    /** Names this feature definition; a saved model records it and is refused by a different one. */
    public static final String VERSION = "sentiment-features/4 (lower case, url/user/num, ellipsis splits words, "
            + "negation reach 3, uni+bigrams and char 2-5 inside words, binary, each block L2-normalised; "
            + "customer-care lexicon reading with its complaint and inquiry rules)";

    /** The feature every message has. */
    static final String EVERY_MESSAGE = "<message>";
    /** The default analyzer's reading, as features: its class and its score split into praise and complaint. */
    static final String CARE_PREFIX = "<care>";
    /** Character n-grams of plain and of negated words. */
    static final String CHARACTERS = "c=";
    static final String NEGATED_CHARACTERS = "c_neg=";
    static final int SHORTEST_CHARACTERS = 2;
    static final int LONGEST_CHARACTERS = 5;

    private static final String NEGATED = "_neg";
    private static final Pattern URL = Pattern.compile("(?i)^(https?://|www\\.).*");
    private static final Pattern NUMBER = Pattern.compile("^[0-9][0-9.,:/]*$");
    private static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");

    private final MessageTokenizer tokenizer;
    private final LexiconSentimentAnalyzer lexicon = LexiconSentimentAnalyzer.customerCare();
    private final Options options;
    private final TextFeatureExtractor<Label> extractor;

    /**
     * Variants of the definition, measured by {@link SentimentCheck} on the training part only; only
     * {@link Options#CURRENT} is ever saved with a model ({@link #VERSION}).
     *
     * @param characters   whether to take character n-grams at all
     * @param shortest     the shortest character n-gram
     * @param longest      the longest character n-gram
     * @param sublinear    term frequencies as 1 + ln(count) instead of binary presence
     * @param keepMentions an @mention as itself ("@united") instead of {@code <user>}
     * @param longestWords the longest word n-gram (2: uni- and bigrams)
     * @param charWeight   the length of the character block after scaling (1: as long as the word block)
     * @param careWeight   a factor on the default analyzer's reading (1: its class as 1, its score as is)
     * @param keepNumbers  a number as itself ("45") instead of {@code <num>}
     * @param signals      binary features for a shouted word (all capitals) and an elongated one ("sooo")
     */
    record Options(boolean characters, int shortest, int longest, boolean sublinear, boolean keepMentions,
            int longestWords, double charWeight, double careWeight, boolean keepNumbers, boolean signals) {
        static final Options CURRENT =
                new Options(true, SHORTEST_CHARACTERS, LONGEST_CHARACTERS, false, false, 2, 1.0, 1.0, false, false);
    }

    /** The current definition ({@link #VERSION}). */
    public SentimentFeatures() {
        this(Options.CURRENT);
    }

    /** Without character n-grams only to measure what they add ({@link SentimentCheck}); never saved with a model. */
    SentimentFeatures(boolean characters) {
        this(new Options(characters, SHORTEST_CHARACTERS, LONGEST_CHARACTERS, false, false, 2, 1.0, 1.0, false,
                false));
    }

    /** A variant, only to measure it ({@link SentimentCheck}); never saved with a model unless it is the current one. */
    SentimentFeatures(Options options) {
        this.tokenizer = new MessageTokenizer(SentimentLexicon.standard()::isEmoticon);
        this.options = options;
        this.extractor = new TextFeatureExtractorImpl<>(
                new TokenPipeline(new WhitespaceTokenizer(), options.longestWords(), options.sublinear()));
    }

    Options options() {
        return options;
    }

    /** The message as the normalised, negation-marked words the n-grams are made of. */
    public String normalise(String text) {
        List<Word> words = tokenizer.words(text);
        int[] negatedBy = NegationScope.cues(words);
        StringJoiner joined = new StringJoiner(" ");
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            String token = token(word.text());
            joined.add(negatedBy[i] >= 0 ? token + NEGATED : token);
            if (word.trailing().indexOf('!') >= 0) {
                joined.add("!");
            }
            if (word.trailing().indexOf('?') >= 0) {
                joined.add("?");
            }
        }
        return joined.toString();
    }

    /** The example for a message, labelled for training or {@link LabelFactory#UNKNOWN_LABEL} for prediction. */
    public Example<Label> example(String text, Label label) {
        String normalised = normalise(text);
        List<Feature> features = new ArrayList<>();
        List<Feature> words = new ArrayList<>();
        extractor.extract(label, normalised).forEach(f -> words.add(weighted(f)));
        addScaled(words, features, 1.0);
        if (options.characters()) {
            addScaled(characterGrams(normalised), features, options.charWeight());
        }
        ArrayExample<Label> example = new ArrayExample<>(label, features);
        // Present in every message, so a text with no known word still gets a prediction (the model's prior).
        example.add(new Feature(EVERY_MESSAGE, 1.0));
        Sentiment reading = lexicon.of(text);
        if (options.signals()) {
            List<Word> plain = tokenizer.words(text);
            if (plain.stream().anyMatch(Word::shouted)) {
                example.add(new Feature("<shouted>", 1.0));
            }
            if (plain.stream().anyMatch(w -> REPEATS.matcher(w.text()).find())) {
                example.add(new Feature("<elongated>", 1.0));
            }
        }
        double care = options.careWeight();
        example.add(new Feature(CARE_PREFIX + "class=" + reading.label().name().toLowerCase(Locale.ROOT), care));
        example.add(new Feature(CARE_PREFIX + "praise", care * Math.max(0, reading.score())));
        example.add(new Feature(CARE_PREFIX + "complaint", care * Math.max(0, -reading.score())));
        return example;
    }

    /** A term's count as its feature value: binary (the current definition) or 1 + ln(count). */
    private Feature weighted(Feature counted) {
        if (!options.sublinear()) {
            return counted;
        }
        return new Feature(counted.getName(), 1 + Math.log(counted.getValue()));
    }

    /** The character n-grams of each word, " word " padded: binary, or 1 + ln(count) when sublinear. */
    private List<Feature> characterGrams(String normalised) {
        Map<String, Integer> grams = new LinkedHashMap<>();
        for (String word : normalised.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            boolean negated = word.endsWith(NEGATED);
            String padded = " " + (negated ? word.substring(0, word.length() - NEGATED.length()) : word) + " ";
            String namespace = negated ? NEGATED_CHARACTERS : CHARACTERS;
            for (int n = options.shortest(); n <= options.longest() && n <= padded.length(); n++) {
                for (int start = 0; start + n <= padded.length(); start++) {
                    grams.merge(gramName(namespace, padded.substring(start, start + n)), 1, Integer::sum);
                }
            }
        }
        List<Feature> features = new ArrayList<>(grams.size());
        boolean sublinear = options.sublinear();
        grams.forEach((g, count) -> features.add(new Feature(g, sublinear ? 1 + Math.log(count) : 1.0)));
        return features;
    }

    /**
     * A character n-gram's feature name. An emoji is two chars in Java, and a gram may cut it in half: such a lone
     * half is written as {@code \\uXXXX}, because a saved model's feature names must be well-formed text (Tribuo's
     * protobuf form writes every lone half as the same replacement character, and a model with two grams of one name
     * then fails to load). Names without a lone half, all a model that ever loaded had, are as before.
     */
    static String gramName(String namespace, String gram) {
        if (!Character.isLowSurrogate(gram.charAt(0)) && !Character.isHighSurrogate(gram.charAt(gram.length() - 1))) {
            return namespace + gram;
        }
        StringBuilder name = new StringBuilder(namespace);
        for (int i = 0; i < gram.length(); i++) {
            char c = gram.charAt(i);
            boolean lone = Character.isHighSurrogate(c) ? i + 1 == gram.length() || !Character.isLowSurrogate(gram.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(gram.charAt(i - 1)));
            if (lone) {
                name.append(String.format("\\u%04X", (int) c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    /** Adds a block of features scaled to the given Euclidean length (1 in the current definition). */
    private static void addScaled(List<Feature> block, List<Feature> into, double length) {
        double norm = Math.sqrt(block.stream().mapToDouble(f -> f.getValue() * f.getValue()).sum());
        for (Feature feature : block) {
            into.add(new Feature(feature.getName(), feature.getValue() / norm * length));
        }
    }

    private String token(String word) {
        if (URL.matcher(word).matches()) {
            return "<url>";
        }
        if (word.startsWith("@") && word.length() > 1) {
            return options.keepMentions() ? word.toLowerCase(Locale.ROOT) : "<user>";
        }
        if (NUMBER.matcher(word).matches()) {
            return options.keepNumbers() ? word : "<num>";
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.startsWith("#") && lower.length() > 1) {
            lower = lower.substring(1);
        }
        return REPEATS.matcher(lower).replaceAll("$1$1");
    }
}
