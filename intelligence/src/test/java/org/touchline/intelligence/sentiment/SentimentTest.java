package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SentimentTest {

    @Test
    void aScoreOutsideMinusOneToOneIsRefused() {
        assertThatThrownBy(() -> new Sentiment(Polarity.POSITIVE, 1.5, 1, Map.of(), List.of()))
                .hasMessageContaining("score 1.5");
    }

    @Test
    void probabilitiesMustCoverEveryClassAndSumToOne() {
        assertThatThrownBy(() -> new Sentiment(Polarity.POSITIVE, 0.5, 0.7,
                Map.of(Polarity.POSITIVE, 0.7, Polarity.NEGATIVE, 0.2), List.of()))
                .hasMessageContaining("sum to 1");
    }
}
