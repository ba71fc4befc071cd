package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The default analyzer reads messages to customer care the way an agent would. */
class CustomerCareAnalyzerTest {

    private final LexiconSentimentAnalyzer care = LexiconSentimentAnalyzer.customerCare();

    private Polarity label(String text) {
        return care.of(text).label();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Can you please help me change my booking?", "I would like to update my address please",
            "Is customer support open on Sundays?", "What kind of plans do you have for students?"})
    void aPoliteRequestIsNeutral(String request) {
        assertThat(label(request)).isEqualTo(Polarity.NEUTRAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"been on hold for 2 hours", "my order is still missing", "still waiting for my refund",
            "parcel lost again, three weeks now", "the internet is down and nobody answers",
            "my bag never arrived", "I haven't received the replacement", "can't get hold of anyone"})
    void aServiceFailureIsNegative(String complaint) {
        assertThat(label(complaint)).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void politeWordsBesideAFailureDoNotMakeItPraise() {
        assertThat(label("thanks for keeping me on hold for 45 minutes, great service")).isEqualTo(Polarity.NEGATIVE);
        assertThat(label("love how my delivery is late again")).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void praiseAfterTheFailureStillCounts() {
        assertThat(label("the delivery was late but the driver was lovely and so helpful, thank you!"))
                .isEqualTo(Polarity.POSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thank you so much, the engineer was brilliant", "Problem solved, great service!",
            "Love the new app, really easy to use"})
    void praiseIsPositive(String praise) {
        assertThat(label(praise)).isEqualTo(Polarity.POSITIVE);
    }

    @Test
    void aWishForWhatTheServiceDidNotDoIsAComplaint() {
        assertThat(label("it would be nice to get an answer")).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void aHashtagIsReadAsItsWord() {
        assertThat(label("new router #disappointed")).isEqualTo(Polarity.NEGATIVE);
        assertThat(label("third time this month #epicfail")).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void aReproachfulQuestionIsNegative() {
        assertThat(label("why does nobody call back?")).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void itNamesItselfAndVaderStaysAsPublished() {
        assertThat(care.name()).isEqualTo("customer-care lexicon");
        assertThat(new LexiconSentimentAnalyzer().name()).isEqualTo("VADER lexicon");
        assertThat(new LexiconSentimentAnalyzer().of("Can you please help me?").label()).isEqualTo(Polarity.POSITIVE);
    }
}
