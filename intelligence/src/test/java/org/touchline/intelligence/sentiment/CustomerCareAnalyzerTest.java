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

    @ParameterizedTest
    @ValueSource(strings = {"been on hold for 45 minutes", "the engineer came 2 days later than promised",
            "it's been 3 hours...at what point does anyone answer"})
    void aDurationSpentWaitingIsAComplaint(String wait) {
        assertThat(label(wait)).isEqualTo(Polarity.NEGATIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Is there wifi on the 5 hour flight to Boston?", "I have been a customer for 10 years",
            "can I book 24hrs before departure?"})
    void aDurationThatIsAFactIsNoComplaint(String fact) {
        assertThat(label(fact)).isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void aDeliveryAheadOfTimeIsNoWait() {
        assertThat(label("the parcel arrived an hour early, brilliant")).isEqualTo(Polarity.POSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I can't log in to my account", "unable to download my bill", "the app won't open"})
    void whatTheCustomerCouldNotDoIsAFailure(String blocked) {
        assertThat(label(blocked)).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void anInabilityTheLexiconAlreadyTurnedIsNoFailure() {
        assertThat(label("can't wait for my new phone")).isNotEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void aNegatedStatementIsAComplaint() {
        assertThat(label("I did not get my points for last month's stay")).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void aNegatedQuestionAsks() {
        assertThat(label("don't you deliver to Ireland?")).isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void refusingToComeBackIsNegative() {
        assertThat(label("I will not be shopping with you again")).isEqualTo(Polarity.NEGATIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"where is my parcel", "where's our luggage", "where are my tickets?"})
    void askingWhereTheirThingIsIsAComplaint(String where) {
        assertThat(label(where)).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void askingWhereAPlaceIsIsNeutral() {
        assertThat(label("where is the nearest store?")).isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void anExasperatedQuestionIsNegative() {
        assertThat(label("what is going on with my order?!")).isEqualTo(Polarity.NEGATIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"is my flight cancelled?", "what is your policy on damaged luggage?",
            "can I get a refund if my train is delayed?"})
    void aFailureAskedAboutIsTheTopicOfAnInquiry(String inquiry) {
        assertThat(label(inquiry)).isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void aHashtagIsReadByTheWordItStartsWith() {
        assertThat(label("#horriblecustomerservice")).isEqualTo(Polarity.NEGATIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"the website is unusable", "my internet down since Monday",
            "tried three times to pay my bill", "I was told I would get a callback"})
    void customerCareWordsVaderLacksReadAsComplaints(String complaint) {
        assertThat(label(complaint)).isEqualTo(Polarity.NEGATIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Can I use my rewards points for an upgrade?", "is airport security open at 5am?",
            "FYI I moved house last week"})
    void namesOfServicesCarryNoFeeling(String request) {
        assertThat(label(request)).isEqualTo(Polarity.NEUTRAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Is the premium plan good value?", "Can you follow me so I can DM you? Thanks!",
            "Do you have great deals to Boston this spring? :)"})
    void aQuestionWithoutAFailureIsNeutralWhateverItsPositiveWords(String question) {
        assertThat(label(question)).isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void insistingOnAnInquiryIsNoExasperation() {
        assertThat(label("do you have an email address??")).isEqualTo(Polarity.NEUTRAL);
        assertThat(label("where is my refund??")).isEqualTo(Polarity.NEGATIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'd love to know your policy for pets", "we would like to add a bag to our booking"})
    void loveToAndLikeToAsk(String request) {
        assertThat(label(request)).isEqualTo(Polarity.NEUTRAL);
    }

    @Test
    void thanksInARequestIsCourtesyAndPraiseStaysPraise() {
        assertThat(label("please send me the invoice for March, thanks")).isEqualTo(Polarity.NEUTRAL);
        assertThat(label("thanks, the engineer was brilliant")).isEqualTo(Polarity.POSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"I was on the phone for hours", "the engineer came days later"})
    void timeSpentWithoutACountIsAComplaint(String wait) {
        assertThat(label(wait)).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void anElongatedWordIsReadAsItsWordAndStressed() {
        Sentiment plain = care.of("the crew was so good");
        Sentiment elongated = care.of("the crew was so goooood");

        assertThat(elongated.label()).isEqualTo(Polarity.POSITIVE);
        assertThat(elongated.score()).isGreaterThan(plain.score());
    }

    @Test
    void itNamesItselfAndVaderStaysAsPublished() {
        assertThat(care.name()).isEqualTo("customer-care lexicon");
        assertThat(new LexiconSentimentAnalyzer().name()).isEqualTo("VADER lexicon");
        assertThat(new LexiconSentimentAnalyzer().of("Can you please help me?").label()).isEqualTo(Polarity.POSITIVE);
    }
}
