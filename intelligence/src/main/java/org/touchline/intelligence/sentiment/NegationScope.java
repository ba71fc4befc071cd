package org.touchline.intelligence.sentiment;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which words a negation ("not", "no", "never", "isn't", "didn't", ...) reaches. Shared by the lexicon analyzer
 * (which flips the valence of a negated word) and the learner (which marks negated words as features of their
 * own), so that "not happy" means the same thing to both.
 *
 * <p>Reach: the three words after the cue. Hutto &amp; Gilbert (2014), section "Identifying Generalizable Heuristics
 * Humans Use to Assess Sentiment Intensity", heuristic 5: examining the tri-gram before a sentiment word catches
 * nearly 90% of the cases where negation flips its polarity. The scope also stops at a clause end (a comma, a
 * full stop, "!" or "?") and before "but", as in Pang, Lee &amp; Vaithyanathan (2002), so that
 * "not bad, great flight" does not negate "great".
 */
public final class NegationScope {

    /** How many words after a cue it reaches (the paper's tri-gram). */
    public static final int REACH = 3;

    private static final Set<String> CUES = Set.of(
            "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "without", "cannot",
            "aint", "arent", "cant", "couldnt", "darent", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent",
            "isnt", "mightnt", "mustnt", "neednt", "oughtnt", "shant", "shouldnt", "wasnt", "werent", "wont",
            "wouldnt");

    /** Words after which a cue does not negate: "not only good", "no doubt great". */
    private static final Set<String> NOT_NEGATED_AFTER = Set.of("only", "just", "doubt");

    private NegationScope() {
    }

    /** True for a negation cue, given in lower case: a listed word or any "...n't" contraction. */
    public static boolean isCue(String lowerWord) {
        return CUES.contains(lowerWord) || lowerWord.endsWith("n't");
    }

    /** For each word, the index of the negation cue whose scope covers it, or -1 when it is not negated. */
    public static int[] cues(List<Word> words) {
        int[] cue = new int[words.size()];
        Arrays.fill(cue, -1);
        for (int i = 0; i < words.size(); i++) {
            Word word = words.get(i);
            if (!isCue(word.lower()) || word.endsClause()) {
                continue;
            }
            if (i + 1 < words.size() && NOT_NEGATED_AFTER.contains(words.get(i + 1).lower())) {
                continue;
            }
            for (int j = i + 1; j <= i + REACH && j < words.size(); j++) {
                Word reached = words.get(j);
                if (reached.lower().equals("but") || isCue(reached.lower())) {
                    break;
                }
                cue[j] = i;
                if (reached.endsClause()) {
                    break;
                }
            }
        }
        return cue;
    }
}
