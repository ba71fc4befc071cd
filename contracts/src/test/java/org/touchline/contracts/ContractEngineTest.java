package org.touchline.contracts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractEngineTest {
    private static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
    private final ContractEngine engine = new ContractEngine();

    @Test
    void eachActionNamesTheContractVersionDefinitionHashAndTheTriggeringEntry() {
        CompiledContract c = engine.deploy(ContractDefinition.parse(Contracts.FIVE_STAR, "t"));
        EntryView rating = EntryView.builder("rating", 812, T).set("id", "rt_1").agentId("AG1042").rating(5).build();

        Evaluation e = engine.evaluate(rating, CustomerState.builder().id("C-1").build());

        assertThat(e.errors()).isEmpty();
        assertThat(e.actions()).singleElement().satisfies(a -> {
            assertThat(a.contractId()).isEqualTo("reward-five-star");
            assertThat(a.contractVersion()).isEqualTo(1);
            assertThat(a.definitionSha256()).isEqualTo(c.sha256()).isEqualTo(c.definition().sha256());
            assertThat(a.triggerIndex()).isEqualTo(812);
            assertThat(a.triggerId()).isEqualTo("rt_1");
            assertThat(a.customerId()).isEqualTo("C-1");
            assertThat(a.ordinal()).isZero();
            assertThat(a.type()).isEqualTo(ActionType.AWARD_TOKENS);
            assertThat(a.params()).containsExactlyInAnyOrderEntriesOf(Map.of("account", "agent", "accountId", "AG1042", "amount", 50L, "reason", "five-star rating"));
            assertThat(a.canonicalJson()).isEqualTo("{\"contractId\":\"reward-five-star\",\"contractSha256\":\"" + c.sha256() + "\",\"contractVersion\":1,"
                    + "\"customerId\":\"C-1\",\"ordinal\":0,\"params\":{\"account\":\"agent\",\"accountId\":\"AG1042\",\"amount\":50,\"reason\":\"five-star rating\"},"
                    + "\"triggerId\":\"rt_1\",\"triggerIndex\":812,\"type\":\"award_tokens\"}");
        });
    }

    @Test
    void parametersAreResolvedFromTheEntryNeverFromTheWallClock() {
        engine.deploy(ContractDefinition.parse("""
                id: recover
                version: 3
                trigger: {kinds: [interaction], types: [complaint]}
                condition: customer.complaintsOpen >= 1
                actions:
                  - open_task: {channel: entry, task: call back, dueDays: 2}
                  - suppress_campaign: {campaign: marketing, days: 14}
                  - award_tokens: {account: customer, amount: "customer.complaintsOpen * 25", reason: sorry}
                  - notify: {channel: email, template: complaint-received}
                """, "t"));
        EntryView complaint = EntryView.builder("interaction", 9, T).channel("chat").type("complaint").build();

        List<ContractAction> actions = engine.evaluate(complaint, CustomerState.of(Map.of("id", "C-7", "complaintsOpen", 2))).actions();

        assertThat(actions).extracting(ContractAction::describe).containsExactly(
                "open_task channel=chat dueAt=2026-03-03T09:00:00Z dueDays=2 task=\"call back\"",
                "suppress_campaign campaign=marketing days=14 until=2026-03-15T09:00:00Z",
                "award_tokens account=customer accountId=C-7 amount=50 reason=sorry",
                "notify channel=email template=complaint-received");
        assertThat(actions).extracting(ContractAction::ordinal).containsExactly(0, 1, 2, 3);
    }

    @Test
    void contractsRunInIdOrderWhateverTheOrderTheyWereDeployedIn() {
        for (String id : List.of("c-three", "a-one", "b-two")) engine.deploy(Contracts.contract(id, 1, "interaction", "true"));

        assertThat(engine.evaluate(Contracts.interaction(1, "web", "page_view"), CustomerState.EMPTY).actions())
                .extracting(ContractAction::contractId).containsExactly("a-one", "b-two", "c-three");
    }

    @Test
    void theTriggerFiltersByKindChannelAndTypeBeforeAnyCelRuns() {
        engine.deploy(ContractDefinition.parse("""
                id: store-complaints
                version: 1
                trigger: {kinds: [interaction], channels: [store, call_centre], types: [complaint]}
                condition: customer.id != ''
                actions: [{propose_action: {action: apologise, reason: complaint}}]
                """, "t"));
        AtomicInteger customerLookups = new AtomicInteger();
        CustomerState c = CustomerState.builder().id("C-1").build();

        assertThat(engine.evaluate(Contracts.interaction(1, "store", "complaint"), () -> { customerLookups.incrementAndGet(); return c; }).actions()).hasSize(1);
        assertThat(engine.evaluate(Contracts.interaction(2, "web", "complaint"), () -> { customerLookups.incrementAndGet(); return c; }).actions()).isEmpty();
        assertThat(engine.evaluate(Contracts.interaction(3, "store", "purchase"), () -> { customerLookups.incrementAndGet(); return c; }).actions()).isEmpty();
        assertThat(engine.evaluate(EntryView.builder("consent", 4, T).channel("store").type("complaint").build(), () -> { customerLookups.incrementAndGet(); return c; })).isEqualTo(Evaluation.EMPTY);
        assertThat(customerLookups).as("the customer's state is only looked up when a trigger names the entry").hasValue(1);
    }

    @Test
    void aPausedContractTakesNoActionUntilItIsResumed() {
        engine.deploy(Contracts.contract("welcome", 2, "interaction", "true"));
        EntryView e = Contracts.interaction(1, "web", "page_view");

        engine.pause("welcome", 2);
        assertThat(engine.evaluate(e, CustomerState.EMPTY).actions()).isEmpty();
        assertThat(engine.deployment("welcome")).get().extracting(ContractEngine.Deployment::state).isEqualTo(ContractEngine.State.PAUSED);

        engine.resume("welcome", 2);
        assertThat(engine.evaluate(e, CustomerState.EMPTY).actions()).hasSize(1);
    }

    @Test
    void aRetiredContractTakesNoActionAndOnlyAHigherVersionCanComeBack() {
        engine.deploy(Contracts.contract("welcome", 2, "interaction", "true"));
        engine.retire("welcome", 2);

        assertThat(engine.evaluate(Contracts.interaction(1, "web", "page_view"), CustomerState.EMPTY).actions()).isEmpty();
        assertThat(engine.deployments()).isEmpty();
        assertThatThrownBy(() -> engine.deploy(Contracts.contract("welcome", 2, "interaction", "true")))
                .isInstanceOf(ContractException.class).hasMessage("contract welcome: version 2 was retired; deploy a version above it");
        engine.deploy(Contracts.contract("welcome", 3, "interaction", "true"));
        assertThat(engine.evaluate(Contracts.interaction(2, "web", "page_view"), CustomerState.EMPTY).actions())
                .singleElement().extracting(ContractAction::contractVersion).isEqualTo(3L);
    }

    @Test
    void aNewVersionReplacesTheOldOne() {
        engine.deploy(Contracts.contract("welcome", 1, "interaction", "entry.channel == 'web'"));
        engine.pause("welcome", 1);
        engine.deploy(Contracts.contract("welcome", 2, "interaction", "entry.channel == 'store'"));

        assertThat(engine.deployments()).singleElement().satisfies(d -> {
            assertThat(d.contract().version()).isEqualTo(2);
            assertThat(d.state()).as("a new version starts active").isEqualTo(ContractEngine.State.ACTIVE);
        });
        assertThat(engine.evaluate(Contracts.interaction(1, "web", "x"), CustomerState.EMPTY).actions()).isEmpty();
        assertThat(engine.evaluate(Contracts.interaction(2, "store", "x"), CustomerState.EMPTY).actions())
                .singleElement().extracting(ContractAction::contractVersion).isEqualTo(2L);
    }

    @Test
    void versionsOnlyMoveForwardAndAVersionNumberNamesOneDefinition() {
        engine.deploy(Contracts.contract("welcome", 2, "interaction", "true"));

        assertThat(engine.deploy(Contracts.contract("welcome", 2, "interaction", "true")).version()).as("the same definition again is a no-op").isEqualTo(2);
        assertThatThrownBy(() -> engine.deploy(Contracts.contract("welcome", 1, "interaction", "true")))
                .hasMessage("contract welcome: version 1 is older than the deployed version 2");
        assertThatThrownBy(() -> engine.deploy(Contracts.contract("welcome", 2, "interaction", "false")))
                .hasMessageStartingWith("contract welcome: version 2 is already deployed with another definition");
        assertThatThrownBy(() -> engine.pause("welcome", 1)).hasMessage("cannot pause contract welcome@1: the deployed version is 2");
        assertThatThrownBy(() -> engine.retire("other", 1)).hasMessage("cannot retire contract other@1: it is not deployed");
        assertThatThrownBy(() -> engine.resume("welcome", 2)).hasMessage("contract welcome@2 is not paused");
        assertThatThrownBy(() -> engine.checkChange(ContractEngine.Change.RESUME, "welcome", 2)).as("checked without changing anything")
                .hasMessage("contract welcome@2 is not paused");
        assertThat(engine.checkChange(ContractEngine.Change.PAUSE, "welcome", 2).state()).isEqualTo(ContractEngine.State.ACTIVE);
    }

    @Test
    void aContractThatFailsToEvaluateIsReportedAndTheOthersStillAct() {
        engine.deploy(Contracts.contract("a-reads-rating", 1, "interaction", "entry.rating > 3"));
        engine.deploy(Contracts.contract("b-always", 1, "interaction", "true"));
        engine.deploy(ContractDefinition.parse(Contracts.FIVE_STAR.replace("has(entry.agentId)", "true"), "t")); // an agent award without agent

        Evaluation e = engine.evaluate(EntryView.builder("interaction", 5, T).rating(5).build(), CustomerState.EMPTY);

        assertThat(e.actions()).extracting(ContractAction::contractId).containsExactly("a-reads-rating", "b-always");
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.contractId()).isEqualTo("reward-five-star");
            assertThat(err.triggerIndex()).isEqualTo(5);
            assertThat(err.message()).isEqualTo("actions[0].award_tokens.account: agent but the entry has no agentId");
        });
        Evaluation noRating = engine.evaluate(EntryView.builder("interaction", 6, T).build(), CustomerState.EMPTY);
        assertThat(noRating.errors()).extracting(ContractError::contractId).containsExactly("a-reads-rating"); // five-star guards with has()
        assertThat(noRating.errors().get(0).message()).contains("key 'rating' is not present");
    }

    @Test
    void amountsAreEvaluatedToLongsBoundedByMaxAmountAndAnActionWithNothingToAwardIsLeftOut() {
        engine.deploy(ContractDefinition.parse("""
                id: loyalty
                version: 1
                trigger: {kinds: [interaction]}
                condition: "true"
                actions:
                  - award_tokens: {account: customer, amount: "customer.tokens / 10", reason: interest}
                  - propose_action: {action: thank, reason: loyal}
                limits: {maxAmount: 500}
                """, "t"));
        EntryView e = Contracts.interaction(1, "web", "x");

        assertThat(engine.evaluate(e, CustomerState.of(Map.of("id", "C", "tokens", 1234))).actions())
                .extracting(ContractAction::describe).containsExactly("award_tokens account=customer accountId=C amount=123 reason=interest", "propose_action action=thank reason=loyal");
        assertThat(engine.evaluate(e, CustomerState.of(Map.of("id", "C", "tokens", 5))).actions())
                .extracting(ContractAction::describe).containsExactly("propose_action action=thank reason=loyal");
        assertThat(engine.evaluate(e, CustomerState.of(Map.of("id", "C", "tokens", 99_999))))
                .satisfies(ev -> {
                    assertThat(ev.actions()).as("a contract acts whole or not at all").isEmpty();
                    assertThat(ev.errors()).singleElement().extracting(ContractError::message)
                            .isEqualTo("actions[0].award_tokens.amount: 9999 exceeds limits.maxAmount 500");
                });
    }

    @Test
    void evaluationIsDeterministicSameInputsSameActionsInTheSameOrder() {
        List<ContractDefinition> definitions = List.of(
                Contracts.contract("complaints", 1, "interaction", "entry.type == 'complaint' && customer.complaintsOpen > 1"),
                Contracts.contract("loyal", 1, "interaction, rating", "customer.tenureDays > 365 && entry.products.exists(p, p.startsWith('FIBRE'))"),
                Contracts.contract("five-star", 1, "rating", "entry.rating == 5"),
                Contracts.contract("marketing", 1, "consent", "entry.granted && customer.consents[entry.purpose]"),
                Contracts.contract("rich", 1, "interaction", "customer.tokens > 500 || customer.segment == 'business'"),
                ContractDefinition.parse(Contracts.FIVE_STAR.replace("amount: 50", "amount: \"entry.rating * customer.tokens % 97\""), "t"));
        for (long seed = 1; seed <= 5; seed++) {
            ContractEngine first = new ContractEngine(), second = new ContractEngine();
            definitions.forEach(first::deploy);
            List<ContractDefinition> shuffled = new ArrayList<>(definitions);
            Collections.shuffle(shuffled, new Random(seed));
            shuffled.forEach(second::deploy);
            List<Evaluation> a = run(first, seed), b = run(second, seed), again = run(first, seed);

            assertThat(b).as("seed %d, deployed in another order", seed).isEqualTo(a);
            assertThat(again).as("seed %d, evaluated twice", seed).isEqualTo(a);
            assertThat(a.stream().mapToInt(ev -> ev.actions().size()).sum()).as("the random entries exercise the contracts").isGreaterThan(100);
            assertThat(a.stream().mapToInt(ev -> ev.errors().size()).sum()).as("and some evaluations fail").isGreaterThan(10);
        }
    }

    /** 1,000 random entries and states from a seed: missing fields included, so some evaluations fail. */
    private static List<Evaluation> run(ContractEngine engine, long seed) {
        Random rng = new Random(seed);
        String[] kinds = {"interaction", "interaction", "interaction", "rating", "consent"};
        String[] types = {"complaint", "purchase", "billing_enquiry", "technical_support"};
        String[] channels = {"call_centre", "store", "web", "chat"};
        List<Evaluation> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            EntryView.Builder b = EntryView.builder(kinds[rng.nextInt(kinds.length)], i, T.plusSeconds(60L * i))
                    .channel(channels[rng.nextInt(channels.length)]).type(types[rng.nextInt(types.length)]);
            if (rng.nextInt(4) > 0) b.agentId("AG" + rng.nextInt(50));
            if (rng.nextBoolean()) b.rating(1 + rng.nextInt(5));
            b.set("products", rng.nextBoolean() ? List.of("FIBRE-500", "TV") : List.of("MOBILE"));
            b.set("purpose", rng.nextBoolean() ? "marketing" : "analytics").set("granted", rng.nextBoolean());
            Map<String, Object> state = new HashMap<>();
            state.put("id", "C-" + rng.nextInt(100));
            if (rng.nextInt(10) > 0) state.put("complaintsOpen", (long) rng.nextInt(3));
            state.put("tenureDays", (long) rng.nextInt(1000));
            state.put("tokens", (long) rng.nextInt(1000));
            if (rng.nextBoolean()) state.put("segment", rng.nextBoolean() ? "business" : "consumer");
            state.put("consents", Map.of("marketing", rng.nextBoolean(), "analytics", rng.nextBoolean()));
            out.add(engine.evaluate(b.build(), CustomerState.of(state)));
        }
        return out;
    }
}
