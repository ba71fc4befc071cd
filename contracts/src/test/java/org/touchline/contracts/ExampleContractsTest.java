package org.touchline.contracts;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The contracts shipped in examples/contracts compile, and each gives the actions its samples file expects. */
class ExampleContractsTest {
    private static final Path DIR = Path.of("..", "examples", "contracts");

    @Test
    void theDemoJourneysAreShipped() throws IOException {
        assertThat(definitions()).extracting(p -> p.getFileName().toString()).contains(
                "welcome-new-customer.yaml", "recover-after-complaint.yaml", "reward-five-star.yaml", "reward-consent.yaml");
    }

    @Test
    void everyExampleCompilesAndItsSamplesGiveTheExpectedActions() throws IOException {
        for (Path yaml : definitions()) {
            CompiledContract c = ContractCompiler.STANDARD.compile(ContractDefinition.read(yaml));
            assertThat(c.id() + ".yaml").as("file name matches the contract id").isEqualTo(yaml.getFileName().toString());
            Path samplesFile = DIR.resolve(c.id() + ".samples.jsonl");
            assertThat(samplesFile).as("samples for " + c.id()).exists();

            List<ContractSamples.Sample> samples = ContractSamples.read(samplesFile, CustomerState.EMPTY);
            assertThat(samples).as(c.id() + " samples").hasSizeGreaterThanOrEqualTo(3);
            for (ContractSamples.Sample s : samples) {
                ContractSamples.Result r = ContractSamples.run(c, s);
                assertThat(r.passed()).as(c.id() + " / " + s.label() + ": " + r.mismatch() + " (outcome " + r.outcome() + ")").isTrue();
            }
            assertThat(samples).as(c.id() + ": some sample matches").anyMatch(s -> c.evaluate(s.entry(), s.customer()).status() == Outcome.Status.MATCHED);
            assertThat(samples).as(c.id() + ": some sample does not").anyMatch(s -> c.evaluate(s.entry(), s.customer()).actions().isEmpty());
        }
    }

    @Test
    void theExamplesRunTogetherInOneEngine() throws IOException {
        ContractEngine engine = new ContractEngine();
        for (Path yaml : definitions()) engine.deploy(ContractDefinition.read(yaml));
        EntryView complaint = EntryView.builder("interaction", 7, Instant.parse("2026-04-11T09:05:00Z"))
                .channel("call_centre").type("complaint").agentId("AG1017").rating(5).build();
        CustomerState first = CustomerState.of(Map.of("id", "C-1", "firstSeenIndex", 7));

        assertThat(engine.evaluate(complaint, first).actions()).extracting(a -> a.contractId() + " " + a.type())
                .containsExactly("recover-after-complaint open_task", "recover-after-complaint suppress_campaign",
                        "reward-five-star award_tokens", "welcome-new-customer propose_action", "welcome-new-customer open_task");
    }

    private static List<Path> definitions() throws IOException {
        assertThat(DIR).as("examples/contracts, from the contracts module").isDirectory();
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
