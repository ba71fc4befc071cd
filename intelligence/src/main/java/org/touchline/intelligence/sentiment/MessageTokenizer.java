package org.touchline.intelligence.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Splits a message into {@link Word}s on white space, the way VADER reads social-media text: surrounding
 * punctuation is stripped from words but remembered (it ends clauses and carries emphasis), an emoticon that
 * the lexicon knows (":)", ":-(", "<3") is kept whole, and each emoji becomes a word of its own.
 */
public final class MessageTokenizer {

    private static final Pattern INNER_ELLIPSIS = Pattern.compile("(\\.{2,}|\u2026)(?=\\p{L})");

    private final Predicate<String> knownSymbol;

    /** @param knownSymbol true for a raw token to keep whole, such as an emoticon in the lexicon */
    public MessageTokenizer(Predicate<String> knownSymbol) {
        this.knownSymbol = knownSymbol;
    }

    public List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String normalised = text.replace('\u2019', '\'').replace('\u2018', '\'').replace("&amp;", "&");
        // An ellipsis between two words separates them ("hours...at"), as a space after it would.
        normalised = INNER_ELLIPSIS.matcher(normalised).replaceAll("$1 ");
        for (String raw : normalised.split("\\s+")) {
            if (!raw.isEmpty()) {
                addToken(raw, words);
            }
        }
        return words;
    }

    private void addToken(String raw, List<Word> words) {
        if (knownSymbol.test(raw)) {
            words.add(new Word(raw, ""));
            return;
        }
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (isEmojiModifier(cp)) {
                continue;
            }
            if (isEmoji(cp)) {
                addPlain(plain, words);
                plain.setLength(0);
                words.add(new Word(new String(Character.toChars(cp)), ""));
            } else {
                plain.appendCodePoint(cp);
            }
        }
        addPlain(plain, words);
    }

    private void addPlain(CharSequence token, List<Word> words) {
        String raw = token.toString();
        if (raw.isEmpty()) {
            return;
        }
        if (knownSymbol.test(raw)) {
            words.add(new Word(raw, ""));
            return;
        }
        int start = 0;
        while (start < raw.length() && !keepsAtStart(raw.charAt(start))) {
            start++;
        }
        int end = raw.length();
        while (end > start && !Character.isLetterOrDigit(raw.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            // Punctuation alone ("!!!", "-", "..."): it belongs to the word before it.
            if (!words.isEmpty()) {
                Word previous = words.remove(words.size() - 1);
                words.add(new Word(previous.text(), previous.trailing() + raw));
            }
            return;
        }
        words.add(new Word(raw.substring(start, end), raw.substring(end)));
    }

    private static boolean keepsAtStart(char c) {
        return Character.isLetterOrDigit(c) || c == '@' || c == '#';
    }

    private static boolean isEmoji(int cp) {
        return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0x2B50;
    }

    private static boolean isEmojiModifier(int cp) {
        // variation selector, zero-width joiner and skin tones change an emoji's look, not its meaning
        return cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }
}
