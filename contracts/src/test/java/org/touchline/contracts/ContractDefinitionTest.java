package org.touchline.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractDefinitionTest {

    @Test
    void aDefinitionIsReadFromYamlWithItsTriggerConditionActionsAndDefaultLimits() {
        ContractDefinition d = ContractDefinition.parse(Contracts.FIVE_STAR, "five.yaml");

        assertThat(d.id()).isEqualTo("reward-five-star");
        assertThat(d.version()).isEqualTo(1);
        assertThat(d.trigger().kinds()).containsExactly("interaction", "rating");
        assertThat(d.condition()).isEqualTo("has(entry.rating) && entry.rating == 5 && has(entry.agentId)");
        assertThat(d.actions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionType.AWARD_TOKENS);
            assertThat(a.text("account")).isEqualTo("agent");
            assertThat(a.amountLiteral()).isEqualTo(50L);
        });
        assertThat(d.limits()).isEqualTo(Limits.DEFAULT);
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheContractAndTheKey() {
        assertThatThrownBy(() -> ContractDefinition.parse(Contracts.FIVE_STAR + "priority: high\n", "five.yaml"))
                .isInstanceOf(ContractException.class)
                .hasMessage("contract reward-five-star: priority: unknown key (allowed: id, version, description, trigger, condition, actions, limits)");
        assertThatThrownBy(() -> ContractDefinition.parse(Contracts.FIVE_STAR.replace("{kinds: [rating, interaction]}", "{kinds: [rating], channel: [web]}"), "x"))
                .hasMessage("contract reward-five-star: trigger.channel: unknown key (allowed: kinds, channels, types)");
        assertThatThrownBy(() -> ContractDefinition.parse(Contracts.FIVE_STAR.replace("reason: five-star rating", "reason: x, to: me"), "x"))
                .hasMessage("contract reward-five-star: actions[0].award_tokens.to: unknown parameter (award_tokens takes account, amount, reason)");
    }

    @Test
    void badFieldsAreErrorsNamingTheFieldAndTheReason() {
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("version: 1", "version: 0")))
                .hasMessage("contract reward-five-star: version: must be a positive integer, got 0");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("version: 1", "version: 1.5")))
                .hasMessage("contract reward-five-star: version: must be an integer, got 1.5");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("id: reward-five-star", "id: Reward Five")))
                .hasMessage("contract: id: must be a slug of lower-case letters, digits and '-' (up to 63), got 'Reward Five'");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("[rating, interaction]", "[ratings]")))
                .hasMessageStartingWith("contract reward-five-star: trigger.kinds: unknown entry kind 'ratings' (known: interaction, rating, consent");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("{kinds: [rating, interaction]}", "{kinds: [rating], channels: [phone]}")))
                .hasMessageStartingWith("contract reward-five-star: trigger.channels: unknown channel 'phone' (known: call_centre, store");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("account: agent", "account: store")))
                .hasMessage("contract reward-five-star: actions[0].award_tokens.account: must be customer or agent, got store");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("amount: 50", "amount: -5")))
                .hasMessage("contract reward-five-star: actions[0].award_tokens.amount: must be a positive integer, got -5");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("amount: 50, ", "")))
                .hasMessage("contract reward-five-star: actions[0].award_tokens.amount: is required");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("award_tokens: {account: agent, amount: 50, reason: five-star rating}",
                "suppress_campaign: {campaign: marketing, days: 9000}")))
                .hasMessage("contract reward-five-star: actions[0].suppress_campaign.days: must be whole days from 1 to 3650, got 9000");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("award_tokens:", "give_tokens:")))
                .hasMessageStartingWith("contract reward-five-star: actions[0].give_tokens: unknown action (known: award_tokens, expire_tokens,");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR.replace("condition: has(entry.rating) && entry.rating == 5 && has(entry.agentId)\n", "")))
                .hasMessage("contract reward-five-star: condition: is required");
        assertThatThrownBy(() -> parse(Contracts.FIVE_STAR + "limits: {maxCost: 50000}\n"))
                .hasMessage("contract reward-five-star: limits.maxCost: must be between 1 and 10000, got 50000");
    }

    @Test
    void textThatIsNotYamlIsAnErrorNamingTheFile() {
        assertThatThrownBy(() -> ContractDefinition.parse("id: [unclosed", "broken.yaml"))
                .isInstanceOf(ContractException.class).hasMessageStartingWith("contract in broken.yaml: not valid YAML");
        assertThatThrownBy(() -> ContractDefinition.parse(Contracts.FIVE_STAR + "version: 2\n", "dup.yaml"))
                .hasMessageContaining("Duplicate field 'version'");
    }

    @Test
    void theIdentityIsTheCanonicalJsonAndItsHashWhateverTheYamlLayout() {
        ContractDefinition a = parse(Contracts.FIVE_STAR);
        ContractDefinition b = parse("""
                # the same contract, written differently
                actions:
                  - award_tokens:
                      reason: five-star rating
                      amount: 50
                      account: agent
                condition: has(entry.rating) && entry.rating == 5 && has(entry.agentId)
                trigger:
                  kinds: [interaction, rating, rating]
                description: Thank the agent.
                version: 1
                id: reward-five-star
                limits: {maxCost: 10000}
                """);

        assertThat(b.canonicalJson()).isEqualTo(a.canonicalJson());
        assertThat(b.sha256()).isEqualTo(a.sha256()).hasSize(64);
        assertThat(a.canonicalJson()).startsWith("{\"actions\":[{\"award_tokens\":{\"account\":\"agent\",\"amount\":50,\"reason\":\"five-star rating\"}}],"
                + "\"condition\":\"has(entry.rating) && entry.rating == 5 && has(entry.agentId)\",\"description\":\"Thank the agent.\",\"id\":\"reward-five-star\","
                + "\"limits\":{\"maxAmount\":1000000,\"maxCost\":10000,\"maxIterations\":100},\"trigger\":{\"channels\":[],\"kinds\":[\"interaction\",\"rating\"],\"types\":[]},\"version\":1}");
        assertThat(parse(Contracts.FIVE_STAR.replace("amount: 50", "amount: 51")).sha256()).isNotEqualTo(a.sha256());
    }

    @Test
    void theCanonicalJsonReadsBackAsTheSameDefinition() {
        ContractDefinition a = parse(Contracts.FIVE_STAR.replace("amount: 50", "amount: \"entry.rating * 10\""));
        ContractDefinition back = ContractDefinition.parse(a.canonicalJson(), "json");

        assertThat(back).isEqualTo(a);
        assertThat(back.actions().get(0).amountExpression()).isEqualTo("entry.rating * 10");
    }

    private static ContractDefinition parse(String yaml) {
        return ContractDefinition.parse(yaml, "test.yaml");
    }
}
