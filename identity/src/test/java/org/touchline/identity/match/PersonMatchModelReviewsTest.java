package org.touchline.identity.match;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The person model corrected by the review queue's answers: the answers move the weight of the pairs of the
 * comparison pattern they were given on, are part of the model's version, and survive its JSON.
 */
class PersonMatchModelReviewsTest {
    static final PersonMatchModel BASE = PersonMatchModel.defaults();
    /** Same name and postcode, no date of birth, different emails: a pair the default model is unsure of. */
    static final PersonProfile KNOWN = PersonProfile.of("Ann Lee", null, "AB12CD", null, List.of("ann@x.example"), List.of());
    static final PersonProfile RECORD = PersonProfile.of("Ann Lee", null, "AB12CD", null, List.of("lee.ann@y.example"), List.of());

    /** The answer a reviewer gives on the pair, as the review entry records its levels. */
    static PersonMatchModel.ReviewAnswer answer(boolean same) {
        MatchScore s = BASE.score(RECORD, KNOWN);
        Map<String, String> levels = new LinkedHashMap<>();
        for (int c = 0; c < BASE.comparisons().size(); c++)
            if (s.levels()[c] != Comparison.NULL) levels.put(BASE.comparisons().get(c).column(), BASE.comparisons().get(c).levels().get(s.levels()[c]));
        return new PersonMatchModel.ReviewAnswer(levels, same);
    }

    static List<PersonMatchModel.ReviewAnswer> answers(int same, int different) {
        List<PersonMatchModel.ReviewAnswer> out = new ArrayList<>(Collections.nCopies(same, answer(true)));
        out.addAll(Collections.nCopies(different, answer(false)));
        return out;
    }

    @Test
    void withNoAnswersTheModelIsTheUnsupervisedOneVersionAndAll() {
        PersonMatchModel none = BASE.withReviews(List.of());
        assertThat(none.version()).isEqualTo(BASE.version());
        assertThat(none.toJson()).doesNotContain("reviewed");
        assertThat(none.score(RECORD, KNOWN).weight()).isEqualTo(BASE.score(RECORD, KNOWN).weight());
    }

    @Test
    void rejectionsOnAPatternLowerItsPairsAndAcceptancesRaiseThem() {
        double p = BASE.score(RECORD, KNOWN).probability();
        assertThat(p).as("the pair is uncertain to start with").isBetween(0.01, 0.99);
        assertThat(BASE.withReviews(answers(0, 30)).score(RECORD, KNOWN).probability()).isLessThan(p);
        assertThat(BASE.withReviews(answers(30, 0)).score(RECORD, KNOWN).probability()).isGreaterThan(p);
    }

    @Test
    void manyAnswersDecideAndAFewOnlyNudge() {
        double p = BASE.score(RECORD, KNOWN).probability();
        double few = BASE.withReviews(answers(0, 2)).score(RECORD, KNOWN).probability();
        double many = BASE.withReviews(answers(0, 200)).score(RECORD, KNOWN).probability();
        assertThat(few).isLessThan(p).isGreaterThan(p / 2);
        assertThat(many).isLessThan(0.05);
    }

    @Test
    void aPatternNobodyAnsweredKeepsTheModelsWeight() {
        PersonProfile other = PersonProfile.of("Ann Lee", "1970-02-03", "AB12CD", null, List.of("ann@x.example"), List.of());
        assertThat(BASE.withReviews(answers(0, 50)).score(other, KNOWN).weight()).isEqualTo(BASE.score(other, KNOWN).weight());
    }

    @Test
    void theAnswersArePartOfTheVersionAndSurviveTheJson() {
        PersonMatchModel reviewed = BASE.withReviews(answers(3, 7));
        assertThat(reviewed.version()).isNotEqualTo(BASE.version());
        assertThat(reviewed.reviewAnswers()).isEqualTo(10);
        PersonMatchModel again = PersonMatchModel.parse(reviewed.toJson());
        assertThat(again.version()).isEqualTo(reviewed.version());
        assertThat(again.score(RECORD, KNOWN).weight()).isEqualTo(reviewed.score(RECORD, KNOWN).weight());
        assertThat(reviewed.withThresholds(new Thresholds(0.95, 0.5)).reviewAnswers()).as("kept by the with* copies").isEqualTo(10);
    }

    /** The version depends on the answers, not on the order the ledger's review entries were read in. */
    @Test
    void theOrderOfTheAnswersDoesNotMatter() {
        List<PersonMatchModel.ReviewAnswer> a = answers(5, 9);
        List<PersonMatchModel.ReviewAnswer> shuffled = new ArrayList<>(a);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(BASE.withReviews(shuffled).version()).isEqualTo(BASE.withReviews(a).version());
    }

    @Test
    void anAnswerNamingAComparisonOrLevelTheModelLacksIsRefused() {
        assertThatThrownBy(() -> BASE.withReviews(List.of(new PersonMatchModel.ReviewAnswer(Map.of("shoe_size", "exact"), true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shoe_size");
        assertThatThrownBy(() -> BASE.withReviews(List.of(new PersonMatchModel.ReviewAnswer(Map.of("surname", "nearly"), true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surname").hasMessageContaining("nearly");
    }
}
