package org.touchline.contracts;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract definitions and their CEL come from administrators' files: any text either becomes a definition that
 * survives its own canonical JSON (what is signed), compiles, and then evaluates any entry to an outcome without
 * throwing - the same outcome with and without the {@link Prefilter} shortcut - or is refused with a ContractException
 * naming the problem. Corpus: {@code ContractDefinitionFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class ContractDefinitionFuzzTest {
    private static final ContractDefinition BASE = ContractDefinition.parse(Contracts.FIVE_STAR, "base");
    private static final List<EntryView> ENTRIES = List.of(
            EntryView.builder("interaction", 7, Instant.parse("2026-03-01T09:00:00Z")).channel("web").type("complaint").rating(5)
                    .agentId("AG1001").set("products", List.of("FIBRE", "TV")).set("granted", true).set("purpose", "marketing").build(),
            EntryView.builder("rating", 0, Instant.EPOCH).build(),
            EntryView.builder("consent", Long.MAX_VALUE, Instant.parse("2026-03-01T09:00:00Z")).channel("store").rating(1).build());
    private static final List<CustomerState> CUSTOMERS = List.of(CustomerState.EMPTY,
            CustomerState.of(Map.of("tokens", 120L, "firstSeenIndex", 7L, "segment", "marketing", "consents", Map.of("marketing", true))));

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void definitionParsesCompilesAndEvaluatesOrIsRefused(byte[] input) {
        ContractDefinition d;
        try {
            d = ContractDefinition.parse(new String(input, StandardCharsets.UTF_8), "fuzz.yaml");
        } catch (ContractException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(SignedContract.parse(SignedContract.sign(d, Admins.SIGNER).encode()).definition()).isEqualTo(d);
        compilesAndEvaluatesOrIsRefused(d);
    }

    /** The CEL condition alone, in a contract that is otherwise valid: the compiler and evaluator meet every expression. */
    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void conditionCompilesAndEvaluatesOrIsRefused(FuzzedDataProvider data) {
        long maxIterations = data.consumeLong(1, Limits.CEILING_MAX_ITERATIONS);
        String condition = data.consumeRemainingAsString();
        ContractDefinition d;
        try {
            d = new ContractDefinition(BASE.id(), BASE.version(), BASE.description(), BASE.trigger(), condition, BASE.actions(),
                    new Limits(Limits.DEFAULT_MAX_COST, maxIterations, Limits.DEFAULT_MAX_AMOUNT));
        } catch (ContractException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        compilesAndEvaluatesOrIsRefused(d);
    }

    private static void compilesAndEvaluatesOrIsRefused(ContractDefinition d) {
        CompiledContract c;
        try {
            c = ContractCompiler.STANDARD.compile(d);
        } catch (ContractException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        for (EntryView e : ENTRIES) {
            for (CustomerState s : CUSTOMERS) {
                Outcome fast = c.evaluate(e, s);
                assertThat(fast).as("%s on %s %s", d.condition(), e, s).isEqualTo(c.evaluateWithCelOnly(e, s));
                if (fast.status() == Outcome.Status.ERROR) assertThat(fast.error()).isNotBlank();
            }
        }
    }
}
