package org.touchline.intelligence.propensity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EncodingTest {
    private static final Instant T = Instant.parse("2025-06-01T00:00:00Z");

    private static Example row(String id, Map<String, Double> numeric, Map<String, String> categorical) {
        return new Example(id, id, T, numeric, categorical, true);
    }

    /** spend 10, 20, (missing), 30: mean 20, population sd sqrt(200/3). */
    private static final List<Example> TRAINING = List.of(
            row("a", Map.of("spend", 10.0, "visits", 1.0), Map.of("stage", "active")),
            row("b", Map.of("spend", 20.0, "visits", 1.0), Map.of("stage", "lapsed")),
            row("c", Map.of("visits", 1.0), Map.of("stage", "active")),
            row("d", Map.of("spend", 30.0, "visits", 1.0), Map.of()));

    @Test
    void columnsAreStandardisedNumericsMissingIndicatorsAndOneLevelPerColumn() {
        Encoding encoding = Encoding.fit(TRAINING);
        assertThat(encoding.columns()).containsExactly("spend", "spend#missing", "visits", "stage=active", "stage=lapsed");
        assertThat(encoding.features()).containsExactly("spend", "visits", "stage");
    }

    @Test
    void aNumericIsStandardisedWithTheTrainingMeanAndStandardDeviation() {
        double[] row = Encoding.fit(TRAINING).encode(row("x", Map.of("spend", 40.0, "visits", 1.0), Map.of("stage", "lapsed")));
        assertThat(row[0]).isCloseTo(20 / Math.sqrt(200.0 / 3), within(1e-12));
        assertThat(row[1]).isZero();
        assertThat(row[2]).as("a constant feature is centred, not divided by zero").isZero();
        assertThat(row[3]).isZero();
        assertThat(row[4]).isEqualTo(1.0);
    }

    @Test
    void aMissingNumericTakesTheMeanAndSetsItsIndicator() {
        double[] row = Encoding.fit(TRAINING).encode(row("x", Map.of(), Map.of()));
        assertThat(row[0]).isZero();
        assertThat(row[1]).isEqualTo(1.0);
    }

    @Test
    void anUnseenLevelSetsNoColumnAndUnknownFeaturesAreIgnored() {
        double[] row = Encoding.fit(TRAINING).encode(row("x", Map.of("spend", 20.0, "other", 5.0), Map.of("stage", "new")));
        assertThat(row).containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void columnMeansAreTakenOverTheTrainingRows() {
        Encoding encoding = Encoding.fit(TRAINING);
        assertThat(encoding.columnMean(0)).isCloseTo(0, within(1e-12));
        assertThat(encoding.columnMean(1)).isEqualTo(0.25);
        assertThat(encoding.columnMean(3)).isEqualTo(0.5);
        assertThat(encoding.columnMean(4)).isEqualTo(0.25);
    }

    @Test
    void aSavedSpecRebuildsTheSameEncoding() {
        Encoding encoding = Encoding.fit(TRAINING);
        Example probe = row("x", Map.of("spend", 12.5), Map.of("stage", "active"));
        assertThat(new Encoding(encoding.spec()).encode(probe)).containsExactly(encoding.encode(probe));
    }

    @Test
    void aFeatureNumericInOneRowAndCategoricalInAnotherIsRefused() {
        List<Example> mixed = List.of(row("a", Map.of("tier", 1.0), Map.of()), row("b", Map.of(), Map.of("tier", "gold")));
        assertThatThrownBy(() -> Encoding.fit(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example b").hasMessageContaining("tier").hasMessageContaining("example a");
    }
}
