package org.touchline.contracts;

import dev.cel.checker.CelStandardDeclarations;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractCompilerTest {
    private final ContractCompiler compiler = ContractCompiler.STANDARD;

    @Test
    void aMisspeltFieldIsRefusedAtCompileTimeNotAtRunTime() {
        assertThatThrownBy(() -> compile("entry.raiting == 5"))
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith("contract t: condition: CEL ERROR: condition:1:6: undefined field 'raiting'");
        assertThatThrownBy(() -> compile("customer.balance > 100"))
                .hasMessageContaining("undefined field 'balance'");
    }

    @Test
    void typeErrorsAreRefusedAtCompileTime() {
        assertThatThrownBy(() -> compile("entry.rating == '5'"))
                .hasMessageContaining("found no matching overload for '_==_' applied to '(int, string)'");
        assertThatThrownBy(() -> compile("entry.rating"))
                .hasMessageContaining("expected type 'bool' but found 'int'");
        assertThatThrownBy(() -> compile("entry.occurredAt > 5"))
                .hasMessageContaining("no matching overload");
        assertThatThrownBy(() -> compiler.compile(ContractDefinition.parse(Contracts.FIVE_STAR.replace("amount: 50", "amount: \"entry.channel\""), "t")))
                .hasMessageStartingWith("contract reward-five-star: actions[0].award_tokens.amount: CEL ERROR")
                .hasMessageContaining("expected type 'int' but found 'string'");
        assertThatThrownBy(() -> compile("entry.rating ==")).hasMessageStartingWith("contract t: condition: CEL ERROR: condition:1:");
    }

    @Test
    void wellTypedConditionsOverEntryAndCustomerCompile() {
        compile("entry.kind == 'interaction' && entry.type in ['complaint', 'cancellation_request'] && customer.complaintsOpen > 1");
        compile("entry.products.exists(p, p.startsWith('FIBRE')) && customer.consents['marketing']");
        compile("has(customer.lastComplaintAt) && entry.occurredAt - customer.lastComplaintAt < duration('720h')");
        compile("entry.occurredAt.getHours('Europe/London') >= 9 && customer.tenureDays >= 365");
        compile("customer.interactionsByType['purchase'] >= 3 && customer.segment == 'business'");
    }

    @Test
    void thereIsNoWallClockAndNoRandomnessInTheEnvironment() {
        for (String expression : List.of("now() > entry.occurredAt", "timestamp.now() > entry.occurredAt", "random() > 0.5", "rand() > 0",
                "uuid() != ''", "today() == 1", "time.now() > entry.occurredAt")) {
            assertThatThrownBy(() -> compile(expression)).as(expression)
                    .isInstanceOf(ContractException.class).hasMessageContaining("undeclared reference");
        }
        assertThat(CelStandardDeclarations.getAllFunctionNames())
                .as("CEL's standard functions").isNotEmpty()
                .noneMatch(name -> name.toLowerCase().matches(".*(now|rand|uuid|clock|today|current).*"));
    }

    @Test
    void timeFunctionsReadTheEntrysTimeInUtcOrANamedZoneNeverTheMachinesZone() {
        CompiledContract c = compile("entry.occurredAt.getHours() == 23 && entry.occurredAt.getHours('Europe/London') == 0");
        EntryView e = EntryView.builder("interaction", 1, Instant.parse("2026-06-01T23:30:00Z")).build();
        TimeZone saved = TimeZone.getDefault();
        try {
            for (String zone : List.of("UTC", "Asia/Tokyo", "America/Los_Angeles")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                assertThat(c.evaluate(e, CustomerState.EMPTY).status()).as(zone).isEqualTo(Outcome.Status.MATCHED);
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void anExpressionAboveTheCostBoundIsRefusedAtCompileTime() {
        String oneLoop = "entry.products.exists(p, p.startsWith('FIBRE'))";
        CompiledContract cheap = compile(oneLoop);
        assertThat(cheap.estimatedCost()).isBetween(500L, 1500L); // the loop body counted maxIterations (100) times

        String manyLoops = String.join(" || ", Collections.nCopies(12, oneLoop));
        assertThatThrownBy(() -> compile(manyLoops))
                .hasMessageMatching("contract t: condition: estimated cost \\d+ exceeds limits.maxCost 10000 .*");

        ContractDefinition tight = ContractDefinition.parse("""
                id: tight
                version: 1
                trigger: {kinds: [interaction]}
                condition: entry.products.exists(p, p.startsWith('FIBRE'))
                actions: [{propose_action: {action: a, reason: r}}]
                limits: {maxCost: 100}
                """, "t");
        assertThatThrownBy(() -> compiler.compile(tight)).hasMessageContaining("exceeds limits.maxCost 100");
    }

    @Test
    void loopsOverALiteralListCostTheirLengthNotTheBudget() {
        assertThat(compile("['complaint', 'cancellation_request'].exists(t, t == entry.type)").estimatedCost()).isLessThan(50);
    }

    @Test
    void theIterationBudgetStopsARunawayEvaluationWithAnErrorNotAnException() {
        CompiledContract c = compile("entry.products.all(a, entry.products.all(b, a != '' && b != ''))");
        List<String> products = IntStream.range(0, 20).mapToObj(i -> "P" + i).toList();
        EntryView e = EntryView.builder("interaction", 1, Instant.EPOCH).set("products", products).build(); // 20 + 400 iterations > 100

        Outcome o = c.evaluate(e, CustomerState.EMPTY);

        assertThat(o.status()).isEqualTo(Outcome.Status.ERROR);
        assertThat(o.error()).contains("Iteration budget exceeded: 100");
        EntryView small = EntryView.builder("interaction", 1, Instant.EPOCH).set("products", products.subList(0, 5)).build();
        assertThat(c.evaluate(small, CustomerState.EMPTY).status()).isEqualTo(Outcome.Status.MATCHED);
    }

    @Test
    void evaluationErrorsAreOutcomesWithTheReason() {
        EntryView noRating = EntryView.builder("rating", 4, Instant.EPOCH).agentId("AG1").build();
        assertThat(compile("entry.rating == 5").evaluate(noRating, CustomerState.EMPTY))
                .satisfies(o -> {
                    assertThat(o.status()).isEqualTo(Outcome.Status.ERROR);
                    assertThat(o.error()).contains("key 'rating' is not present");
                });
        assertThat(compile("entry.index / (entry.index - 4) > 0").evaluate(noRating, CustomerState.EMPTY).error()).contains("/ by zero");
        assertThat(compile("entry.index + 9223372036854775807 > 0").evaluate(noRating, CustomerState.EMPTY).error()).contains("overflow");
    }

    @Test
    void integersMayBeGivenAsIntegerAndAreReadAsCelInts() {
        CustomerState customer = CustomerState.of(Map.of("tokens", 120, "consentGrants", Map.of("marketing", 1)));
        assertThat(customer.get("tokens")).isEqualTo(120L);
        assertThat(compile("customer.tokens > 100 && customer.consentGrants['marketing'] == 1")
                .evaluate(Contracts.interaction(1, "web", "page_view"), customer).status()).isEqualTo(Outcome.Status.MATCHED);
    }

    @Test
    void entriesAndStatesRefuseFieldsAndValuesOutsideTheSchema() {
        assertThatThrownBy(() -> CustomerState.of(Map.of("balance", 5)))
                .hasMessageStartingWith("customer: unknown field 'balance' (known: id, interactions,");
        assertThatThrownBy(() -> EntryView.builder("interaction", 1, Instant.EPOCH).set("rating", "five"))
                .hasMessage("entry.rating: expected int, got String five");
        assertThatThrownBy(() -> EntryView.builder("purchase", 1, Instant.EPOCH))
                .hasMessageStartingWith("entry.kind: unknown kind 'purchase'");
    }

    private CompiledContract compile(String condition) {
        return compiler.compile(Contracts.contract("t", 1, "interaction, rating", condition));
    }
}
