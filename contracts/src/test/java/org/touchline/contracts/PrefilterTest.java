package org.touchline.contracts;

import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java shortcut for guards ({@link Prefilter}) gives exactly what the CEL program gives: random conditions mixing
 * guards it decides with expressions only CEL can evaluate, over random entries and states with fields missing.
 */
class PrefilterTest {
    private static final String[] DECIDABLE = {
            "has(entry.rating)", "has(entry.agentId)", "has(customer.tokens)", "entry.rating == 5", "entry.rating != 3", "entry.rating > 2",
            "4 <= entry.rating", "entry.channel == 'web'", "entry.type in ['complaint', 'purchase']", "entry.granted", "customer.tokens >= 500",
            "customer.firstSeenIndex == entry.index", "entry.purpose == customer.segment", "entry.agentId.startsWith('AG1')",
            "entry.agentId.endsWith('02')", "customer.segment.contains('ket')", "true", "false"};
    private static final String[] CEL_ONLY = {
            "entry.products.exists(p, p.startsWith('F'))", "customer.consents['marketing']", "entry.rating * 2 > 5", "size(entry.products) > 1",
            "entry.agentId.matches('^AG')", "(entry.rating > 3 ? true : customer.tokens > 10)"};

    @Test
    void theShortcutAgreesWithCelOnRandomConditionsAndEntries() {
        Random rng = new Random(20261123);
        Map<Outcome.Status, Integer> seen = new EnumMap<>(Outcome.Status.class);
        int decidedConditions = 0;
        for (int c = 0; c < 300; c++) {
            String condition = expression(rng, 3);
            CompiledContract contract = ContractCompiler.STANDARD.compile(Contracts.contract("p", 1, "interaction", condition));
            if (Prefilter.of(celOf(condition)) != null) decidedConditions++;
            for (int i = 0; i < 40; i++) {
                EntryView e = entry(rng, i);
                CustomerState s = state(rng, i);
                Outcome fast = contract.evaluate(e, s), cel = contract.evaluateWithCelOnly(e, s);
                assertThat(fast).as("%s on %s %s", condition, e, s).isEqualTo(cel);
                seen.merge(cel.status(), 1, Integer::sum);
            }
        }
        assertThat(decidedConditions).as("conditions the shortcut can decide something for").isGreaterThan(150);
        assertThat(seen).as("all outcomes occur").containsKeys(Outcome.Status.MATCHED, Outcome.Status.NOT_MATCHED, Outcome.Status.ERROR);
    }

    @Test
    void aGuardThatIsFalseDecidesEvenWhenAnotherPartWouldFail() {
        // CEL: false && error == false; error || true == true. The shortcut must not change errors into answers otherwise.
        CompiledContract c = ContractCompiler.STANDARD.compile(Contracts.contract("p", 1, "interaction", "entry.rating == 5 && entry.channel == 'web'"));
        EntryView noRatingStore = EntryView.builder("interaction", 1, Instant.EPOCH).channel("store").build();
        EntryView noRatingWeb = EntryView.builder("interaction", 1, Instant.EPOCH).channel("web").build();

        assertThat(c.evaluate(noRatingStore, CustomerState.EMPTY).status()).isEqualTo(Outcome.Status.NOT_MATCHED)
                .isEqualTo(c.evaluateWithCelOnly(noRatingStore, CustomerState.EMPTY).status());
        assertThat(c.evaluate(noRatingWeb, CustomerState.EMPTY).status()).isEqualTo(Outcome.Status.ERROR)
                .isEqualTo(c.evaluateWithCelOnly(noRatingWeb, CustomerState.EMPTY).status());
    }

    private static CelExpr celOf(String condition) {
        try {
            return CelCompilerFactory.standardCelCompilerBuilder()
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS).setTypeProvider(ContractSchema.TYPES)
                    .addVar("entry", ContractSchema.ENTRY).addVar("customer", ContractSchema.CUSTOMER).build()
                    .compile(condition).getAst().getExpr();
        } catch (CelValidationException e) {
            throw new AssertionError(e);
        }
    }

    private static String expression(Random rng, int depth) {
        if (depth == 0 || rng.nextInt(4) == 0) {
            return rng.nextInt(4) == 0 ? CEL_ONLY[rng.nextInt(CEL_ONLY.length)] : DECIDABLE[rng.nextInt(DECIDABLE.length)];
        }
        return switch (rng.nextInt(5)) {
            case 0, 1 -> "(" + expression(rng, depth - 1) + " && " + expression(rng, depth - 1) + ")";
            case 2, 3 -> "(" + expression(rng, depth - 1) + " || " + expression(rng, depth - 1) + ")";
            default -> "!(" + expression(rng, depth - 1) + ")";
        };
    }

    private static EntryView entry(Random rng, long index) {
        EntryView.Builder b = EntryView.builder("interaction", index, Instant.EPOCH.plusSeconds(index));
        if (rng.nextInt(4) > 0) b.channel(rng.nextBoolean() ? "web" : "store");
        if (rng.nextInt(4) > 0) b.type(rng.nextBoolean() ? "complaint" : "billing_enquiry");
        if (rng.nextBoolean()) b.rating(1 + rng.nextInt(5));
        if (rng.nextBoolean()) b.agentId(rng.nextBoolean() ? "AG1001" : "ST01-02");
        if (rng.nextBoolean()) b.set("granted", rng.nextBoolean());
        if (rng.nextBoolean()) b.set("purpose", rng.nextBoolean() ? "marketing" : "consumer");
        if (rng.nextBoolean()) b.set("products", rng.nextBoolean() ? List.of("FIBRE", "TV") : List.of("MOBILE"));
        return b.build();
    }

    private static CustomerState state(Random rng, long index) {
        Map<String, Object> s = new HashMap<>();
        if (rng.nextBoolean()) s.put("tokens", (long) rng.nextInt(1000));
        if (rng.nextBoolean()) s.put("firstSeenIndex", rng.nextBoolean() ? index : index + 1);
        if (rng.nextBoolean()) s.put("segment", rng.nextBoolean() ? "marketing" : "consumer");
        if (rng.nextBoolean()) s.put("consents", Map.of("marketing", rng.nextBoolean()));
        return CustomerState.of(s);
    }
}
