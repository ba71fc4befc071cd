package org.touchline.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's contracts compile and its main runs (with few entries: the real run is by hand, see its comment). */
class ContractBenchmarkTest {
    @Test
    void theFiftyBenchmarkContractsCompileAndTheBenchmarkRuns() {
        assertThat(ContractBenchmark.contracts(50)).hasSize(50).extracting(ContractDefinition::id).doesNotHaveDuplicates();
        ContractBenchmark.main(new String[] {"5000", "50", "1"});
    }
}
