package org.touchline.identity.match;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The matcher's Jaro-Winkler must give Commons Text's doubles exactly: the levels (and FEBRL results) depend on it. */
class JaroWinklerTest {
    private static final JaroWinklerSimilarity LIBRARY = new JaroWinklerSimilarity();

    @Test
    void agreesWithTheLibraryOnItsOwnExamples() {
        String[][] pairs = {{"", ""}, {"foo", "foo"}, {"foo", "foo "}, {"foo", " foo "}, {"", "a"}, {"frog", "fog"},
                {"fly", "ant"}, {"elephant", "hippo"}, {"hippo", "elephant"}, {"hello", "hallo"}, {"dixon", "dicksonx"},
                {"martha", "marhta"}, {"tullaroop street", "tullaroop st"}, {"pennsylvania", "penncisylvnia"}};
        for (String[] p : pairs) assertThat(JaroWinkler.similarity(p[0], p[1])).as("%s / %s", p[0], p[1])
                .isEqualTo(LIBRARY.apply(p[0], p[1]));
    }

    @RepeatedTest(5)
    void agreesWithTheLibraryToTheLastBitOnRandomStrings(RepetitionInfo run) {
        SplittableRandom random = new SplittableRandom(run.getCurrentRepetition());
        for (int i = 0; i < 20_000; i++) {
            // Few letters, so strings share characters in and out of the window; some longer than 64 characters.
            String a = word(random, random.nextInt(i % 10 == 0 ? 90 : 14)), b = random.nextBoolean() ? word(random, random.nextInt(14)) : mutate(random, a);
            assertThat(JaroWinkler.similarity(a, b)).as("%s / %s", a, b).isEqualTo(LIBRARY.apply(a, b));
        }
    }

    private static String word(SplittableRandom random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) b.append("aeilnorst ".charAt(random.nextInt(10)));
        return b.toString();
    }

    private static String mutate(SplittableRandom random, String s) {
        if (s.length() < 2) return s + "e";
        int i = random.nextInt(s.length() - 1);
        return switch (random.nextInt(3)) {
            case 0 -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
            case 1 -> s.substring(0, i) + s.substring(i + 1);
            default -> s.substring(0, i) + "x" + s.substring(i);
        };
    }
}
