package org.touchline.intelligence.sentiment;

import java.util.Locale;

/**
 * One word of a message as the analyzers see it.
 *
 * @param text     the word in its original case, without surrounding punctuation (an emoticon is kept whole)
 * @param trailing the punctuation that followed it, e.g. {@code "!!"} or {@code ","}; empty if none
 */
public record Word(String text, String trailing) {

    public String lower() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** True when a clause ends after this word, which ends a negation's scope. */
    public boolean endsClause() {
        return trailing.chars().anyMatch(c -> ".,;:!?".indexOf(c) >= 0);
    }

    /** True for a shouted word (at least two letters, all capitals): the paper's capitalisation cue. */
    public boolean shouted() {
        long letters = text.codePoints().filter(Character::isLetter).count();
        return letters >= 2 && text.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
    }
}
