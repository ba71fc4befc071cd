package org.touchline.intelligence.propensity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExampleTest {
    private static final Instant T = Instant.parse("2025-06-01T00:00:00Z");

    @Test
    void aNumericFeatureThatIsNotANumberIsRefusedWithTheRowAndFeature() {
        assertThatThrownBy(() -> new Example("c-7", "c-7", T, Map.of("spend", Double.NaN), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c-7").hasMessageContaining("spend").hasMessageContaining("NaN");
    }

    @Test
    void aFeatureCannotBeBothNumericAndCategorical() {
        assertThatThrownBy(() -> new Example("c-7", "c-7", T, Map.of("tier", 2.0), Map.of("tier", "gold"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c-7").hasMessageContaining("tier");
    }

    @Test
    void aBlankGroupIsRefused() {
        assertThatThrownBy(() -> new Example("c-7", " ", T, Map.of(), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c-7").hasMessageContaining("group");
    }
}
