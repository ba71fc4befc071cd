package org.touchline.intelligence.sentiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default analyzer: needs no training. It sums the lexicon valences of a message's words and adjusts them
 * with the five heuristics of Hutto &amp; Gilbert (2014), "VADER: A Parsimonious Rule-based Model for Sentiment
 * Analysis of Social Media Text", ICWSM-14, section "Identifying Generalizable Heuristics Humans Use to Assess
 * Sentiment Intensity" (heuristics 1-5 below; the effect sizes are the paper's Table 3). Constants the paper
 * does not give are those of VADER's reference implementation, marked as such. Stateless, so thread-safe.
 */
public final class LexiconSentimentAnalyzer implements SentimentAnalyzer {

    /** Heuristic 3 (degree modifiers): mean intensity change of a booster or dampener, Table 3. */
    static final double DEGREE_STEP = 0.293;
    /** Reference implementation: a modifier two or three words away counts 95% or 90%. */
    private static final double[] DEGREE_DECAY = {1.0, 0.95, 0.90};
    /** Heuristic 2 (capitalisation): emphasis of an ALL-CAPS word in mixed-case text, Table 3. */
    static final double CAPS_STEP = 0.733;
    /** Heuristic 1 (punctuation): emphasis per exclamation mark, Table 3; reference implementation caps at 4. */
    static final double EXCLAMATION_STEP = 0.292;
    private static final int MAX_EXCLAMATIONS = 4;
    /** Heuristic 5 (negation in the preceding tri-gram, see {@link NegationScope}): reference implementation. */
    static final double NEGATION_FACTOR = -0.74;
    /** Heuristic 4 (contrastive "but"): the clause before counts half, the clause after one and a half. */
    private static final double BEFORE_BUT = 0.5;
    private static final double AFTER_BUT = 1.5;
    /** Reference implementation: compound = sum / sqrt(sum^2 + alpha), and |compound| < 0.05 is neutral. */
    private static final double ALPHA = 15;
    static final double NEUTRAL_BAND = 0.05;
    private static final int DRIVERS = 3;

    /**
     * A letter written three times or more ("sooo", "looove"): the word is looked up with the run cut to two letters,
     * then to one, and counts as if a booster stood before it (lengthening is emphasis: Brody and Diakopoulos 2011,
     * "Cooooooooooooooollllllllllllll!!!!!!!!!!!!!!", EMNLP). Customer-care register only.
     */
    private static final Pattern ELONGATION = Pattern.compile("(\\p{L})\\1{2,}");

    private static final Set<String> BOOSTERS = Set.of(
            "absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply", "effing",
            "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping",
            "freaking", "frigging", "fully", "fucking", "greatly", "hella", "highly", "hugely", "incredibly",
            "intensely", "majorly", "more", "most", "particularly", "purely", "quite", "really", "remarkably", "so",
            "substantially", "super", "thoroughly", "totally", "tremendously", "truly", "uber", "unbelievably",
            "unusually", "utterly", "very");
    private static final Set<String> DAMPENERS = Set.of(
            "almost", "barely", "hardly", "kinda", "less", "little", "marginally", "occasionally", "partly",
            "scarcely", "slightly", "somewhat", "sorta");

    private final SentimentLexicon lexicon;
    private final MessageTokenizer tokenizer;
    /** The customer-care rules applied after VADER's, or null for VADER alone. */
    private final CustomerCareRules care;

    /** VADER as published: its lexicon and its five heuristics. */
    public LexiconSentimentAnalyzer() {
        this(SentimentLexicon.standard());
    }

    public LexiconSentimentAnalyzer(SentimentLexicon lexicon) {
        this(lexicon, null);
    }

    private LexiconSentimentAnalyzer(SentimentLexicon lexicon, CustomerCareRules care) {
        this.lexicon = lexicon;
        this.tokenizer = new MessageTokenizer(lexicon::isEmoticon);
        this.care = care;
    }

    /**
     * The default for messages customers send to a company: VADER's heuristics on the customer-care lexicon
     * ({@link SentimentLexicon#customerCare()}) and the {@link CustomerCareRules} after them.
     */
    public static LexiconSentimentAnalyzer customerCare() {
        return new LexiconSentimentAnalyzer(SentimentLexicon.customerCare(), new CustomerCareRules(SentimentLexicon.customerCare()));
    }

    @Override
    public String name() {
        return care == null ? "VADER lexicon" : CustomerCareRules.NAME;
    }

    @Override
    public Sentiment of(String text) {
        if (text == null) {
            text = "";
        }
        List<Word> words = tokenizer.words(text);
        List<Contribution> contributions = contributions(words);
        if (care != null) {
            contributions = care.apply(words, contributions);
        }
        double sum = contributions.stream().mapToDouble(Contribution::valence).sum();
        if (sum != 0) {
            long marks = Math.min(MAX_EXCLAMATIONS, text.chars().filter(c -> c == '!').count());
            sum += Math.signum(sum) * marks * EXCLAMATION_STEP;
        }
        double score = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + ALPHA)));
        double positiveFrom = care == null ? NEUTRAL_BAND : CustomerCareRules.POSITIVE_FROM;
        Polarity label = score >= positiveFrom ? Polarity.POSITIVE
                : score <= -NEUTRAL_BAND ? Polarity.NEGATIVE : Polarity.NEUTRAL;
        return new Sentiment(label, score, confidence(label, score, positiveFrom), Map.of(),
                drivers(words, contributions));
    }

    /** The scored words, already adjusted by heuristics 2-5. */
    private List<Contribution> contributions(List<Word> words) {
        int[] negatedBy = NegationScope.cues(words);
        boolean mixedCase = words.stream().anyMatch(Word::shouted)
                && words.stream().anyMatch(w -> !w.shouted() && w.text().codePoints().anyMatch(Character::isLetter));
        int but = firstBut(words);
        List<Contribution> contributions = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            int first = i;
            OptionalDouble found = OptionalDouble.empty();
            if (i + 1 < words.size()) {
                found = lexicon.phrase(words.get(i).lower(), words.get(i + 1).lower());
                if (found.isPresent()) {
                    i++;
                }
            }
            boolean elongated = false;
            if (found.isEmpty() && !isModifier(words, i)) {
                found = lexicon.valence(words.get(i).text());
                if (found.isEmpty() && care != null && ELONGATION.matcher(words.get(i).text()).find()) {
                    String lower = words.get(i).lower();
                    found = lexicon.valence(ELONGATION.matcher(lower).replaceAll("$1$1"));
                    if (found.isEmpty()) {
                        found = lexicon.valence(ELONGATION.matcher(lower).replaceAll("$1"));
                    }
                    elongated = found.isPresent();
                }
            }
            if (found.isEmpty()) {
                continue;
            }
            double valence = found.getAsDouble();
            if (elongated) {
                valence += Math.signum(valence) * DEGREE_STEP;
            }
            if (mixedCase && words.get(i).shouted()) {
                valence += Math.signum(valence) * CAPS_STEP;
            }
            int start = first;
            for (int back = 1; back <= DEGREE_DECAY.length && first - back >= 0; back++) {
                int direction = degree(words, first - back);
                if (direction != 0) {
                    double step = direction * DEGREE_STEP;
                    if (mixedCase && words.get(first - back).shouted()) {
                        step += direction * CAPS_STEP;
                    }
                    valence += Math.signum(valence) * step * DEGREE_DECAY[back - 1];
                    start = first - back;
                }
            }
            boolean negated = negatedBy[i] >= 0 && negatedBy[i] < first;
            if (negated) {
                valence *= NEGATION_FACTOR;
                start = Math.min(start, negatedBy[i]);
            }
            if (but >= 0) {
                valence *= i < but ? BEFORE_BUT : AFTER_BUT;
            }
            contributions.add(new Contribution(start, i, valence, negated));
        }
        return contributions;
    }

    /** +1 for a booster ("very"), -1 for a dampener ("slightly", "kind of"), 0 otherwise. */
    private static int degree(List<Word> words, int index) {
        String word = words.get(index).lower();
        if (BOOSTERS.contains(word)) {
            return 1;
        }
        if (DAMPENERS.contains(word) || isKindOf(words, index)) {
            return -1;
        }
        return 0;
    }

    /** Modifiers and negations change other words' valence and carry none of their own ("kind" in "kind of"). */
    private static boolean isModifier(List<Word> words, int index) {
        String word = words.get(index).lower();
        return degree(words, index) != 0 || NegationScope.isCue(word)
                || (word.equals("of") && index > 0 && isKindOf(words, index - 1));
    }

    private static boolean isKindOf(List<Word> words, int index) {
        String word = words.get(index).lower();
        return (word.equals("kind") || word.equals("sort"))
                && index + 1 < words.size() && words.get(index + 1).lower().equals("of");
    }

    private static int firstBut(List<Word> words) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).lower().equals("but")) {
                return i;
            }
        }
        return -1;
    }

    /** How far the score is from the nearest boundary of another class, scaled to 0..1. */
    private static double confidence(Polarity label, double score, double positiveFrom) {
        double value = switch (label) {
            case POSITIVE -> (score - positiveFrom) / (1 - positiveFrom);
            case NEGATIVE -> (-score - NEUTRAL_BAND) / (1 - NEUTRAL_BAND);
            case NEUTRAL -> score >= 0 ? (positiveFrom - score) / positiveFrom : (NEUTRAL_BAND + score) / NEUTRAL_BAND;
        };
        return Math.max(0, Math.min(1, value));
    }

    private static List<String> drivers(List<Word> words, List<Contribution> contributions) {
        return contributions.stream()
                .sorted(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.valence())))
                .limit(DRIVERS)
                .map(c -> String.format(Locale.ROOT, "%s (%+.1f)", phrase(words, c), c.valence()))
                .toList();
    }

    private static String phrase(List<Word> words, Contribution c) {
        StringBuilder phrase = new StringBuilder();
        for (int i = c.start(); i <= c.end(); i++) {
            phrase.append(i > c.start() ? " " : "").append(words.get(i).text());
        }
        return phrase.toString();
    }

    /** One scored word (or phrase) and the words that modified it, from {@code start} to {@code end}. */
    record Contribution(int start, int end, double valence, boolean negated) {

        Contribution times(double factor) {
            return new Contribution(start, end, valence * factor, negated);
        }
    }
}
