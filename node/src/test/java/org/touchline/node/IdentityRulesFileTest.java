package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.identity.IdentifierRules;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.*;

class IdentityRulesFileTest {
    @TempDir Path dir;

    @Test
    void theShippedExampleSpellsOutExactlyTheDefaults() throws Exception {
        Path example = Path.of("..", "examples", IdentityRulesFile.FILE_NAME);
        IdentifierRules rules = IdentityRulesFile.parse(example.toString(), Files.readString(example));
        assertThat(rules.describe()).isEqualTo(IdentifierRules.defaults().describe());
    }

    @Test
    void withoutAFileTheNodeUsesTheDefaults() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            assertThat(f.node.identityRules().describe()).isEqualTo(IdentifierRules.defaults().describe());
        }
    }

    @Test
    void aNodeReadsTheRulesFromItsDataDirectoryAtStart() throws Exception {
        Files.writeString(dir.resolve("identity-rules.yaml"), """
                priority: [email, account]
                blocklist:
                  values: { account: [ACC-000] }
                """);
        try (NodeFixture f = new NodeFixture(dir)) {
            assertThat(f.node.identityRules().priority()).startsWith("email", "account");
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "web", account("ACC-1"), email("a@example.com")),
                    interaction("crm", "2", "2026-01-02T00:00:00Z", "web", account("ACC-2")),
                    interaction("crm", "3", "2026-01-03T00:00:00Z", "web", account("ACC-2"), email("a@example.com")),
                    interaction("crm", "4", "2026-01-04T00:00:00Z", "web", account("acc-000")));
            String byEmail = f.node.customers().findByIdentifier(email("a@example.com")).orElseThrow();
            String byAccount = f.node.customers().findByIdentifier(account("ACC-2")).orElseThrow();
            assertThat(byAccount).isNotEqualTo(byEmail);
            // Email leads: record 3 is the email's customer's, and the two customers stay apart.
            assertThat(f.node.customers().timeline(byEmail, null, 10).total()).isEqualTo(2);
            assertThat(f.node.customers().timeline(byAccount, null, 10).total()).isEqualTo(1);
            assertThat(f.node.customers().findByIdentifier(account("ACC-000"))).isEmpty();
        }
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt() {
        assertThatThrownBy(() -> IdentityRulesFile.parse("rules.yaml", "strong: { account: 1 }\nprioritty: [account]\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rules.yaml: prioritty is not a known key");
    }

    @Test
    void aLimitMustBeAPositiveNumberOrUnlimited() {
        assertThatThrownBy(() -> IdentityRulesFile.parse("r.yaml", "strong: { account: 0 }"))
                .hasMessageContaining("strong.account must be a whole number of at least 1, or 'unlimited'");
        assertThat(IdentityRulesFile.parse("r.yaml", "strong: { account: 1, email: unlimited }").limit("email"))
                .isEqualTo(IdentifierRules.UNLIMITED);
    }

    @Test
    void aPriorityNamingAWeakTypeIsAnError() {
        assertThatThrownBy(() -> IdentityRulesFile.parse("r.yaml", "priority: [cookie]"))
                .hasMessageContaining("r.yaml: priority names cookie, which is not a strong identifier type");
    }

    @Test
    void aBadNodeFileStopsTheStart() throws Exception {
        Files.writeString(dir.resolve("identity-rules.yaml"), "strong: [account]\n");
        assertThatThrownBy(() -> new NodeFixture(dir)).hasMessageContaining("strong must map each strong type to its limit");
    }

    @Test
    void anUnquotedNullInTheBlocklistMeansTheWordNull() {
        IdentifierRules rules = IdentityRulesFile.parse("r.yaml", """
                blocklist:
                  defaults: false
                  values: { "*": [null] }
                """);
        assertThat(rules.isBlocked(new Identifier("cookie", "NULL"))).isTrue();
        assertThat(rules.isBlocked(email("test@test.com"))).isFalse();
    }
}
