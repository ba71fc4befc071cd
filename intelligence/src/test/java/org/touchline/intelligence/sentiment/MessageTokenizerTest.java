package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MessageTokenizerTest {

    private final MessageTokenizer tokenizer = new MessageTokenizer(SentimentLexicon.standard()::isEmoticon);

    @Test
    void punctuationIsStrippedFromWordsAndRemembered() {
        List<Word> words = tokenizer.words("Great, thanks!!");

        assertThat(words).containsExactly(new Word("Great", ","), new Word("thanks", "!!"));
        assertThat(words.get(0).endsClause()).isTrue();
    }

    @Test
    void knownEmoticonsAreKeptWhole() {
        assertThat(tokenizer.words("ok :) :-D")).extracting(Word::text).containsExactly("ok", ":)", ":-D");
    }

    @Test
    void punctuationStandingAloneJoinsTheWordBeforeIt() {
        assertThat(tokenizer.words("why ?")).containsExactly(new Word("why", "?"));
    }

    @Test
    void eachEmojiIsAWordOfItsOwn() {
        assertThat(tokenizer.words("thanks👍🏽❤️")).extracting(Word::text).containsExactly("thanks", "👍", "❤");
    }

    @Test
    void mentionsAndHashtagsKeepTheirSign() {
        assertThat(tokenizer.words("@united #fail")).extracting(Word::text).containsExactly("@united", "#fail");
    }

    @Test
    void anEllipsisBetweenTwoWordsSeparatesThem() {
        assertThat(tokenizer.words("3 hours...at the gate")).containsExactly(new Word("3", ""), new Word("hours", "..."),
                new Word("at", ""), new Word("the", ""), new Word("gate", ""));
    }

    @Test
    void shoutedWordsNeedTwoCapitalLettersAndNoSmallOnes() {
        assertThat(new Word("GREAT", "").shouted()).isTrue();
        assertThat(new Word("I", "").shouted()).isFalse();
        assertThat(new Word("Great", "").shouted()).isFalse();
    }
}
