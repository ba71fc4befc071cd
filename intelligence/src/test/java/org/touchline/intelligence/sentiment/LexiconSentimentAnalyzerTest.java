package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexiconSentimentAnalyzerTest {

    private final LexiconSentimentAnalyzer analyzer = new LexiconSentimentAnalyzer();

    @Test
    void aPlainPositiveStatementIsPositive() {
        assertThat(analyzer.of("I am happy").label()).isEqualTo(Polarity.POSITIVE);
    }

    @Test
    void notHappyIsNegative() {
        Sentiment sentiment = analyzer.of("I am not happy");

        assertThat(sentiment.label()).isEqualTo(Polarity.NEGATIVE);
        assertThat(sentiment.drivers()).first().asString().startsWith("not happy");
    }

    @Test
    void noProblemsAtAllIsNotNegative() {
        assertThat(analyzer.of("no problems at all").label()).isNotEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void contractedNegationsFlipTheWordTheyReach() {
        assertThat(analyzer.of("the app isn't working").label()).isEqualTo(Polarity.NEGATIVE);
        assertThat(analyzer.of("the agent didn't help").label()).isEqualTo(Polarity.NEGATIVE);
        assertThat(analyzer.of("the refund doesnt help").label()).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void neverAgainIsNegative() {
        assertThat(analyzer.of("Never again.").label()).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void aNegationStopsAtTheEndOfItsClause() {
        assertThat(analyzer.of("not a problem, great service").label()).isEqualTo(Polarity.POSITIVE);
        assertThat(analyzer.of("no, great service").label()).isEqualTo(Polarity.POSITIVE);
    }

    @Test
    void theClauseAfterButOutweighsTheClauseBefore() {
        assertThat(analyzer.of("the engineer was great but the wait was awful").label())
                .isEqualTo(Polarity.NEGATIVE);
        assertThat(analyzer.of("the wait was awful but the engineer was great").label())
                .isEqualTo(Polarity.POSITIVE);
    }

    @Test
    void mixedMessagesNameBothSidesAmongTheirDrivers() {
        Sentiment sentiment = analyzer.of("the engineer was great but the wait was awful");

        assertThat(sentiment.drivers()).anyMatch(d -> d.startsWith("awful"))
                .anyMatch(d -> d.startsWith("great"));
    }

    @Test
    void neutralFactualTextIsNeutral() {
        Sentiment sentiment = analyzer.of("My order 4471 was delivered on Tuesday to the address on file.");

        assertThat(sentiment.label()).isEqualTo(Polarity.NEUTRAL);
        assertThat(sentiment.score()).isZero();
        assertThat(sentiment.drivers()).isEmpty();
    }

    @Test
    void emptyOrMissingTextIsNeutral() {
        assertThat(analyzer.of("").label()).isEqualTo(Polarity.NEUTRAL);
        assertThat(analyzer.of("   ").label()).isEqualTo(Polarity.NEUTRAL);
        assertThat(analyzer.of(null).label()).isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void aBoosterStrengthensAndADampenerWeakens() {
        double plain = analyzer.of("the service was good").score();

        assertThat(analyzer.of("the service was very good").score()).isGreaterThan(plain);
        assertThat(analyzer.of("the service was slightly good").score()).isLessThan(plain);
        assertThat(analyzer.of("the service was kind of good").score()).isLessThan(plain);
    }

    @Test
    void capitalsAndExclamationMarksAddEmphasis() {
        double plain = analyzer.of("the service was good").score();

        assertThat(analyzer.of("the service was GOOD").score()).isGreaterThan(plain);
        assertThat(analyzer.of("the service was good!!").score()).isGreaterThan(plain);
        assertThat(analyzer.of("the service was bad!!").score()).isLessThan(analyzer.of("the service was bad").score());
    }

    @Test
    void emoticonsAndEmojiCarrySentiment() {
        assertThat(analyzer.of("landed on time :)").label()).isEqualTo(Polarity.POSITIVE);
        assertThat(analyzer.of("still waiting 😡").label()).isEqualTo(Polarity.NEGATIVE);
        assertThat(analyzer.of("thanks👍").label()).isEqualTo(Polarity.POSITIVE);
    }

    @Test
    void scoreAndConfidenceStayInRange() {
        Sentiment strong = analyzer.of("AWFUL AWFUL AWFUL horrible terrible worst service ever!!!!!!");

        assertThat(strong.score()).isBetween(-1.0, -0.9);
        assertThat(strong.confidence()).isBetween(0.9, 1.0);
        assertThat(strong.probabilities()).isEmpty();
    }

    @Test
    void theDriversNameTheNegationWithTheWordItFlips() {
        assertThat(analyzer.of("the agent didn't help").drivers()).containsExactly("didn't help (-1.3)");
    }
}
