package org.touchline.intelligence.propensity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DriftReferenceTest {

    private static List<Example> sample(Random rng, int n, double meanShift, double digitalShare) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double tenure = Math.max(0, 400 + meanShift + rng.nextGaussian() * 200);
            String channel = rng.nextDouble() < digitalShare ? "web" : "call_centre";
            out.add(new Example("c" + i, "c" + i, Instant.EPOCH, Map.of("tenure_days", tenure, "complaints_90d", (double) rng.nextInt(3)),
                    Map.of("last_channel", channel), false));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aSampleFromTheTrainingPopulationIsStable(long seed) {
        Random rng = new Random(seed);
        DriftReference reference = DriftReference.of(sample(rng, 4000, 0, 0.5));

        assertThat(reference.stability(sample(rng, 1000, 0, 0.5)))
                .allSatisfy(d -> assertThat(d.reading()).as(d.feature()).isEqualTo("stable"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aShiftedFeatureIsFlaggedAndTheOthersAreNot(long seed) {
        Random rng = new Random(seed);
        DriftReference reference = DriftReference.of(sample(rng, 4000, 0, 0.5));

        List<DriftReference.FeatureDrift> drift = reference.stability(sample(rng, 1000, 300, 0.5));

        assertThat(drift.get(0).feature()).isEqualTo("tenure_days");
        assertThat(drift.get(0).reading()).isEqualTo("shifted");
        assertThat(drift.subList(1, drift.size())).allSatisfy(d -> assertThat(d.reading()).isEqualTo("stable"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aChangedMixOfCategoriesIsFlagged(long seed) {
        Random rng = new Random(seed);
        DriftReference reference = DriftReference.of(sample(rng, 4000, 0, 0.2));

        List<DriftReference.FeatureDrift> drift = reference.stability(sample(rng, 1000, 0, 0.8));

        assertThat(drift.get(0).feature()).isEqualTo("last_channel");
        assertThat(drift.get(0).psi()).isGreaterThan(DriftReference.SHIFTED);
    }
}
