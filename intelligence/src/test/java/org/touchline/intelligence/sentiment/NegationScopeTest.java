package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NegationScopeTest {

    private final MessageTokenizer tokenizer = new MessageTokenizer(s -> false);

    private int[] cues(String text) {
        return NegationScope.cues(tokenizer.words(text));
    }

    @Test
    void aNegationReachesTheThreeWordsAfterIt() {
        assertThat(cues("i am not at all very happy")).containsExactly(-1, -1, -1, 2, 2, 2, -1);
    }

    @Test
    void aNegationStopsAtAClauseEnd() {
        assertThat(cues("no, great")).containsExactly(-1, -1);
        assertThat(cues("not bad. great")).containsExactly(-1, 0, -1);
    }

    @Test
    void aNegationStopsBeforeBut() {
        assertThat(cues("not cheap but good")).containsExactly(-1, 0, -1, -1);
    }

    @Test
    void contractionsAreCuesWithOrWithoutTheApostrophe() {
        assertThat(NegationScope.isCue("isn't")).isTrue();
        assertThat(NegationScope.isCue("didnt")).isTrue();
        assertThat(NegationScope.isCue("won't")).isTrue();
        assertThat(NegationScope.isCue("nothing")).isTrue();
        assertThat(NegationScope.isCue("note")).isFalse();
    }

    @Test
    void notOnlyDoesNotNegate() {
        assertThat(cues("not only cheap")).containsExactly(-1, -1, -1);
    }

    @Test
    void curlyApostrophesCountAsApostrophes() {
        List<Word> words = tokenizer.words("it isn\u2019t working");

        assertThat(NegationScope.cues(words)).containsExactly(-1, -1, 1);
    }
}
