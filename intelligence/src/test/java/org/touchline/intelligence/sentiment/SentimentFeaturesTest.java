package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tribuo.Feature;
import org.tribuo.classification.LabelFactory;

class SentimentFeaturesTest {

    private final SentimentFeatures features = new SentimentFeatures();

    @Test
    void wordsAreNormalisedAndNegatedWordsMarked() {
        assertThat(features.normalise("@united NOT happy, sooooo late http://t.co/x 45"))
                .isEqualTo("<user> not happy_neg soo late <url> <num>");
    }

    @Test
    void characterNGramsOfTwoToFiveLettersAreTakenInsideEachPaddedWord() {
        Map<String, Double> f = valuesOf("late");

        assertThat(f).containsKeys("c= l", "c=la", "c=te ", "c= lat", "c=late ", "c= late");
        assertThat(f).doesNotContainKey("c= late ");
    }

    @Test
    void aNegatedWordsCharacterNGramsAreNamedApart() {
        Map<String, Double> f = valuesOf("not happy");

        assertThat(f).containsKey("c_neg=hap").doesNotContainKey("c=hap").containsKey("c=not");
    }

    @Test
    void misspellingsShareMostCharacterNGrams() {
        Map<String, Double> cancelled = valuesOf("cancelled");
        Map<String, Double> canceled = valuesOf("canceled");

        long shared = cancelled.keySet().stream().filter(k -> k.startsWith("c=") && canceled.containsKey(k)).count();
        assertThat(shared).isGreaterThanOrEqualTo(12);
    }

    @Test
    void theWordAndCharacterBlocksHaveUnitLength() {
        Map<String, Double> f = valuesOf("the flight was late again, really annoyed");

        double words = f.entrySet().stream().filter(e -> e.getKey().matches("\\d-N=.*"))
                .mapToDouble(e -> e.getValue() * e.getValue()).sum();
        double characters = f.entrySet().stream().filter(e -> e.getKey().startsWith("c"))
                .mapToDouble(e -> e.getValue() * e.getValue()).sum();
        assertThat(words).isCloseTo(1.0, Offset.offset(1e-9));
        assertThat(characters).isCloseTo(1.0, Offset.offset(1e-9));
    }

    @Test
    void theDefaultAnalyzersReadingIsAFeature() {
        Map<String, Double> f = valuesOf("still waiting for my refund");

        assertThat(f).containsEntry(SentimentFeatures.CARE_PREFIX + "class=negative", 1.0)
                .containsEntry(SentimentFeatures.CARE_PREFIX + "praise", 0.0);
        assertThat(f.get(SentimentFeatures.CARE_PREFIX + "complaint")).isPositive();
    }

    @Test
    void anEmptyMessageHasOnlyTheFeaturesEveryMessageHas() {
        Map<String, Double> f = valuesOf("");

        assertThat(f).containsEntry(SentimentFeatures.EVERY_MESSAGE, 1.0)
                .allSatisfy((name, value) -> assertThat(value).isFinite());
        assertThat(f.keySet()).allMatch(k -> k.equals(SentimentFeatures.EVERY_MESSAGE)
                || k.startsWith(SentimentFeatures.CARE_PREFIX));
    }

    private Map<String, Double> valuesOf(String text) {
        Map<String, Double> values = new HashMap<>();
        for (Feature feature : features.example(text, LabelFactory.UNKNOWN_LABEL)) {
            values.put(feature.getName(), feature.getValue());
        }
        return values;
    }
}
