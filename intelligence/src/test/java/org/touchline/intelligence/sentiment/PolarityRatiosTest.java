package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

class PolarityRatiosTest {

    /**
     * Four messages, three features. Presence counts, NEGATIVE against the rest: "late" 2 / 0, "again" 1 / 1,
     * "thanks" 0 / 1. With alpha = 1: p = (3, 2, 1), |p|1 = 6; q = (1, 2, 2), |q|1 = 5. POSITIVE against the rest:
     * p = (1, 1, 2), |p|1 = 4; q = (3, 3, 1), |q|1 = 7 (late, again, thanks).
     */
    static final List<Example<Label>> MESSAGES = List.of(
            example(Polarity.NEGATIVE, "late", 1.0, "again", 1.0),
            example(Polarity.NEGATIVE, "late", 0.5),
            example(Polarity.POSITIVE, "thanks", 1.0),
            example(Polarity.NEUTRAL, "again", 0.7));

    private final PolarityRatios ratios = PolarityRatios.of(MESSAGES, 1);

    @Test
    void theRatioOfAFeatureIsTheLogOfItsSmoothedShareInAPolarityOverItsShareInTheRest() {
        assertThat(ratios.ratio(Polarity.NEGATIVE, "late")).isCloseTo(Math.log((3 / 6.0) / (1 / 5.0)), within(1e-12));
        assertThat(ratios.ratio(Polarity.NEGATIVE, "again")).isCloseTo(Math.log((2 / 6.0) / (2 / 5.0)), within(1e-12));
        assertThat(ratios.ratio(Polarity.NEGATIVE, "thanks")).isCloseTo(Math.log((1 / 6.0) / (2 / 5.0)),
                within(1e-12));
        assertThat(ratios.ratio(Polarity.POSITIVE, "thanks")).isCloseTo(Math.log((2 / 4.0) / (1 / 7.0)), within(1e-12));
        assertThat(ratios.ratio(Polarity.POSITIVE, "late")).isCloseTo(Math.log((1 / 4.0) / (3 / 7.0)), within(1e-12));
        assertThat(ratios.ratio(Polarity.NEGATIVE, "late")).isPositive();
        assertThat(ratios.ratio(Polarity.POSITIVE, "late")).isNegative();
        assertThat(ratios.ratio(Polarity.NEGATIVE, "never seen")).isZero();
    }

    @Test
    void aMessageIsWeighedFeatureByFeatureItsValuesBinarisedOrKept() {
        Example<Label> message = example(Polarity.NEGATIVE, "late", 0.5, "again", 0.5, "never seen", 0.5);
        Label rest = new Label(SentimentLearner.REST);

        Map<String, Double> binary = values(ratios.weigh(message, Polarity.NEGATIVE, rest, true));
        assertThat(binary).containsOnlyKeys("late", "again");
        assertThat(binary.get("late")).isCloseTo(Math.log(2.5), within(1e-12));
        assertThat(binary.get("again")).isCloseTo(Math.log(5 / 6.0), within(1e-12));

        Example<Label> kept = ratios.weigh(message, Polarity.NEGATIVE, rest, false);
        assertThat(values(kept).get("late")).isCloseTo(0.5 * Math.log(2.5), within(1e-12));
        assertThat(kept.getOutput()).isEqualTo(rest);
    }

    private static Map<String, Double> values(Example<Label> example) {
        Map<String, Double> values = new HashMap<>();
        example.forEach(f -> values.put(f.getName(), f.getValue()));
        return values;
    }

    private static Example<Label> example(Polarity polarity, Object... namesAndValues) {
        ArrayExample<Label> example = new ArrayExample<>(new Label(polarity.name()));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            example.add(new Feature((String) namesAndValues[i], (Double) namesAndValues[i + 1]));
        }
        return example;
    }
}
