package org.touchline.intelligence.propensity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * IBM Telco churn on its fixed md5 split (skipped without the shared data). Trains with the default settings, not
 * with anything chosen by looking at the test part; TelcoChurnCheck does the cross-validated choice.
 */
class TelcoChurnTest {
    private static Split split;

    @BeforeAll
    static void read() throws Exception {
        String shared = System.getProperty("touchline.sharedData");
        assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "telco_churn")), "no telco_churn data");
        split = TelcoChurnData.fixedSplit(TelcoChurnData.read(Path.of(shared)));
    }

    @Test
    void theFixedSplitHoldsOutTheDocumentedRows() {
        assertThat(split.test()).hasSize(1390);
        assertThat(split.test().stream().filter(Example::label).count()).isEqualTo(325);
        assertThat(split.train()).hasSize(7043 - 1390);
    }

    @Test
    void theSplitRuleIsMd5sFirstEightHexDigitsModFive() {
        assertThat(TelcoChurnData.inTestPart("7795-CFOCW")).isTrue();  // 0xe93d9442 = 3913412930, mod 5 = 0
        assertThat(TelcoChurnData.inTestPart("7590-VHVEG")).isFalse(); // 1312495689, mod 5 = 4
    }

    @Test
    void aBlankTotalIsZeroForTheElevenCustomersNotYetBilled() {
        List<Example> zeroTenure = split.train().stream().filter(e -> e.numeric().get("tenure") == 0).toList();
        List<Example> zeroTenureTest = split.test().stream().filter(e -> e.numeric().get("tenure") == 0).toList();
        assertThat(zeroTenure.size() + zeroTenureTest.size()).isEqualTo(11);
        assertThat(zeroTenure).allSatisfy(e -> assertThat(e.numeric().get("TotalCharges")).isZero());
    }

    @Test
    void logisticRegressionReachesTheAucGoalOnTheTestPart() {
        assertThat(testAuc(HyperParameters.Logistic.defaults())).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void gradientBoostingReachesTheAucGoalOnTheTestPart() {
        assertThat(testAuc(HyperParameters.Boosting.defaults())).isGreaterThanOrEqualTo(0.85);
    }

    private static double testAuc(HyperParameters parameters) {
        PropensityModel model = new PropensityTrainer(parameters).train(new ModelVersion("telco", 1), split.train());
        return Evaluation.of(model.score(split.test()), split.test()).auc();
    }
}
