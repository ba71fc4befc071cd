package org.touchline.contracts;

import java.time.Instant;

/** Small builders shared by the tests. */
final class Contracts {
    private Contracts() {}

    static final String FIVE_STAR = """
            id: reward-five-star
            version: 1
            description: Thank the agent.
            trigger: {kinds: [rating, interaction]}
            condition: has(entry.rating) && entry.rating == 5 && has(entry.agentId)
            actions:
              - award_tokens: {account: agent, amount: 50, reason: five-star rating}
            """;

    /** A one-action contract with this id, version, trigger kinds and condition. */
    static ContractDefinition contract(String id, long version, String kinds, String condition) {
        return ContractDefinition.parse("""
                id: %s
                version: %d
                trigger: {kinds: [%s]}
                condition: "%s"
                actions:
                  - propose_action: {action: check-in, reason: test}
                """.formatted(id, version, kinds, condition.replace("\"", "\\\"")), "test");
    }

    static EntryView interaction(long index, String channel, String type) {
        return EntryView.builder("interaction", index, Instant.parse("2026-03-01T09:00:00Z").plusSeconds(index)).channel(channel).type(type).build();
    }
}
