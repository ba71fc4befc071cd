package org.touchline.demo;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CorruptionsTest {
    @RepeatedTest(20)
    void aTypoAlwaysChangesTheValueByOneEdit(RepetitionInfo run) {
        SplittableRandom random = new SplittableRandom(run.getCurrentRepetition());
        for (String value : new String[]{"Smith", "Anne", "Jo", "1", "Tullaroop Street", "19810307", "Pemberton"}) {
            String typo = Corruptions.typo(random, value);
            assertThat(typo).isNotEqualTo(value);
            assertThat(Math.abs(typo.length() - value.length())).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void keyboardErrorsHitANeighbouringKey() {
        assertThat(Corruptions.neighbours('s')).containsOnlyOnce("a").contains("d", "w", "x").hasSize(4);
        assertThat(Corruptions.neighbours('1')).isEqualTo("2q");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            String typo = Corruptions.keyboardNeighbour(random, "Smith");
            int at = 0;
            while ("Smith".charAt(at) == typo.charAt(at)) at++;
            assertThat(Corruptions.neighbours(Character.toLowerCase("Smith".charAt(at))))
                    .contains(String.valueOf(Character.toLowerCase(typo.charAt(at))));
            assertThat(typo.substring(at + 1)).isEqualTo("Smith".substring(at + 1));
        }
    }

    @Test
    void phoneticMisspellingsSoundTheSame() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(Corruptions.phonetic(random, "Stephen")).isEqualTo("Stefen");
        assertThat(Corruptions.phonetic(random, "Phillips")).isIn("Fillips", "Philips", "Phillipz");
        assertThat(Corruptions.phonetic(random, "Catherine")).isIn("Katherine", "Caterine", "Catherinne", "Catherrine");
        assertThat(Corruptions.phonetic(random, "Xu")).isNull();
    }

    @Test
    void datesSwapDayAndMonthOnlyWhenThatIsADate() {
        assertThat(Corruptions.swapDayMonth("19810307")).isEqualTo("19810703");
        assertThat(Corruptions.swapDayMonth("19810325")).isNull();
        assertThat(Corruptions.swapDayMonth("19810303")).isNull();
    }

    @Test
    void postcodeDigitsAreTransposed() {
        assertThat(Corruptions.transposeDigits(new SplittableRandom(1), "LS12 3AB")).isEqualTo("LS21 3AB");
        assertThat(Corruptions.transposeDigits(new SplittableRandom(1), "G1 1AA")).isNull();
    }

    @Test
    void streetKindsAreAbbreviated() {
        assertThat(Corruptions.abbreviate("Station Road")).isEqualTo("Station Rd");
        assertThat(Corruptions.abbreviate("Richmond Terrace")).isEqualTo("Richmond Terr");
        assertThat(Corruptions.abbreviate("Kingsway")).isNull();
        assertThat(Corruptions.nickname("William")).isEqualTo("Bill");
    }
}
