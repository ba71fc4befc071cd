package org.touchline.intelligence.sentiment;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.text.TextFeatureExtractor;
import org.tribuo.data.text.impl.TextFeatureExtractorImpl;
import org.tribuo.data.text.impl.TokenPipeline;
import org.tribuo.util.tokens.impl.WhitespaceTokenizer;

/**
 * Turns a message into the learner's features. The message is first rewritten as normalised words: lower case,
 * links as {@code <url>}, @mentions as {@code <user>}, numbers as {@code <num>}, "#tag" as "tag", letters
 * repeated three times or more cut to two ("soooo" as "soo"), "!" and "?" kept as words, and every word a negation
 * reaches ({@link NegationScope}, shared with the lexicon analyzer) suffixed {@code _neg}, so that "not happy"
 * gives the feature "happy_neg", not "happy". Tribuo's token pipeline then makes binary unigram and bigram
 * features of those words. The default analyzer's reading of the message ({@link LexiconSentimentAnalyzer#customerCare()})
 * is added as features of its own (its class, and its score as praise or complaint), so that a model trained on a
 * few hundred rated messages starts from what the lexicon knows instead of from nothing.
 * Thread-safe: Tribuo's pipeline keeps one tokenizer per thread.
 */
public final class SentimentFeatures {

    /** Names this feature definition; a saved model records it and is refused by a different one. */
    public static final String VERSION = "sentiment-features/3 (lower case, url/user/num, ellipsis splits words, "
            + "negation reach 3, uni+bigrams, binary; customer-care lexicon reading with its complaint rules)";

    /** The feature every message has. */
    static final String EVERY_MESSAGE = "<message>";
    /** The default analyzer's reading, as features: its class and its score split into praise and complaint. */
    static final String CARE_PREFIX = "<care>";

    private static final Pattern URL = Pattern.compile("(?i)^(https?://|www\\.).*");
    private static final Pattern NUMBER = Pattern.compile("^[0-9][0-9.,:/]*$");
    private static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");

    private final MessageTokenizer tokenizer;
    private final LexiconSentimentAnalyzer lexicon = LexiconSentimentAnalyzer.customerCare();
    private final TextFeatureExtractor<Label> extractor =
            new TextFeatureExtractorImpl<>(new TokenPipeline(new WhitespaceTokenizer(), 2, false));

    public SentimentFeatures() {
        this.tokenizer = new MessageTokenizer(SentimentLexicon.standard()::isEmoticon);
    }

    /** The message as the normalised, negation-marked words the n-grams are made of. */
    public String normalise(String text) {
        List<Word> words = tokenizer.words(text);
        int[] negatedBy = NegationScope.cues(words);
        StringJoiner joined = new StringJoiner(" ");
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            String token = token(word.text());
            joined.add(negatedBy[i] >= 0 ? token + "_neg" : token);
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
        Example<Label> example = extractor.extract(label, normalised);
        // Present in every message, so a text with no known word still gets a prediction (the model's prior).
        example.add(new Feature(EVERY_MESSAGE, 1.0));
        Sentiment reading = lexicon.of(text);
        example.add(new Feature(CARE_PREFIX + "class=" + reading.label().name().toLowerCase(Locale.ROOT), 1.0));
        example.add(new Feature(CARE_PREFIX + "praise", Math.max(0, reading.score())));
        example.add(new Feature(CARE_PREFIX + "complaint", Math.max(0, -reading.score())));
        return example;
    }

    private static String token(String word) {
        if (URL.matcher(word).matches()) {
            return "<url>";
        }
        if (word.startsWith("@") && word.length() > 1) {
            return "<user>";
        }
        if (NUMBER.matcher(word).matches()) {
            return "<num>";
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.startsWith("#") && lower.length() > 1) {
            lower = lower.substring(1);
        }
        return REPEATS.matcher(lower).replaceAll("$1$1");
    }
}
