package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelledTextTest {

    @Test
    void oneAndTwoStarsAreNegative() {
        assertThat(LabelledText.fromRating("meh", 1).label()).isEqualTo(Polarity.NEGATIVE);
        assertThat(LabelledText.fromRating("meh", 2).label()).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void threeStarsAreNeutral() {
        assertThat(LabelledText.fromRating("fine", 3).label()).isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void fourAndFiveStarsArePositive() {
        assertThat(LabelledText.fromRating("great", 4).label()).isEqualTo(Polarity.POSITIVE);
        assertThat(LabelledText.fromRating("great", 5).label()).isEqualTo(Polarity.POSITIVE);
    }

    @Test
    void aRatingOutsideOneToFiveIsRefusedWithTheText() {
        assertThatThrownBy(() -> LabelledText.fromRating("the courier was late", 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rating 6").hasMessageContaining("the courier was late");
    }

    @Test
    void labelsParseFromDataFilesInAnyCase() {
        assertThat(Polarity.parse(" Negative ")).isEqualTo(Polarity.NEGATIVE);
        assertThatThrownBy(() -> Polarity.parse("angry")).hasMessageContaining("'angry'");
    }
}
