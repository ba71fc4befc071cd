package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Progress;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.node.command.Tokens;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;

/** The utility token: minted by contracts only, burned for benefits, expired by policy oldest first, never transferred. */
class TokensTest {
    @TempDir Path dir;

    /** What the contract runner appends for an award; the test stands in for a contract. */
    private static long mint(NodeFixture f, String customer, long amount, String at) {
        EventEntry e = TokenEntries.mint(TokenEntries.customerAccount(customer), customer, amount, "reward-five-star", 1, "ab12", 0, "test award", Instant.parse(at));
        return f.node.command("contracts", (index, graph, changes) -> List.of(CommandEntry.recorded(e)));
    }

    private static String ann(NodeFixture f) throws Exception {
        Files.writeString(f.dir.resolve(Tokens.CATALOGUE_FILE), """
                benefits:
                  - { id: upgrade-month, name: "A month of faster broadband", cost: 120 }
                  - { id: movie-night, name: "Two cinema tickets", cost: 400 }
                """);
        f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@example.com")));
        return f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
    }

    @Test
    void aRedemptionBurnsTheOldestTokensFirstAndTheBalanceFollows() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long first = mint(f, ann, 100, "2026-01-05T00:00:00Z");
            long second = mint(f, ann, 50, "2026-02-05T00:00:00Z");
            assertThat(f.node.tokens().customerBalance(ann)).isEqualTo(150);
            long burn = f.node.tokens().redeem(ann, "upgrade-month", "portal");
            assertThat(f.node.tokens().customerBalance(ann)).isEqualTo(30);
            EventEntry b = EventEntry.parse(f.node.ledger().leaf(burn));
            assertThat(b.field("movement")).isEqualTo("burn");
            assertThat(b.field("lots")).isEqualTo(first + ":100," + second + ":20");
            assertThat(f.node.tokens().customerHistory(ann)).extracting(ProjectionStore.TokenRow::movement).containsExactly("mint", "mint", "burn");
        }
    }

    @Test
    void aShortBalanceIsRefusedAndNothingIsAppended() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            mint(f, ann, 100, "2026-01-05T00:00:00Z");
            long size = f.node.ledger().size();
            assertThatThrownBy(() -> f.node.tokens().redeem(ann, "movie-night", null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("short of");
            assertThatThrownBy(() -> f.node.tokens().redeem(ann, "yacht", null)).hasMessageContaining("no benefit 'yacht'");
            assertThat(f.node.ledger().size()).isEqualTo(size);
            assertThat(f.node.tokens().customerBalance(ann)).isEqualTo(100);
        }
    }

    @Test
    void tokensExpireByPolicyOldestFirstAsOfAGivenDate() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long old = mint(f, ann, 100, "2025-01-05T00:00:00Z");
            mint(f, ann, 50, "2026-10-05T00:00:00Z");
            List<Long> entries = f.node.tokens().expire(LocalDate.of(2026, 3, 1), 365, "ops");
            assertThat(entries).hasSize(1);
            EventEntry e = EventEntry.parse(f.node.ledger().leaf(entries.get(0)));
            assertThat(e.field("movement")).isEqualTo("expire");
            assertThat(e.field("lots")).isEqualTo(old + ":100");
            assertThat(f.node.tokens().customerBalance(ann)).isEqualTo(50);
            assertThat(f.node.tokens().expire(LocalDate.of(2026, 3, 1), 365, "ops")).as("nothing left to expire").isEmpty();
        }
    }

    @Test
    void noTransferExistsAndMintingIsNotPublic() {
        // Every public operation on tokens, reviewed: none moves tokens from one account to another. A new public
        // method fails this test until someone looks at it.
        List<String> reviewed = List.of("customerAccount", "agentAccount", "catalogue", "customerBalance", "agentBalance",
                "customerHistory", "agentHistory", "redeem", "expire");
        assertThat(Arrays.stream(Tokens.class.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName))
                .allMatch(reviewed::contains);
        assertThat(Arrays.stream(Tokens.class.getDeclaredMethods()).filter(m -> m.getName().equals("mint")))
                .allMatch(m -> !Modifier.isPublic(m.getModifiers()));
        assertThat(Arrays.stream(Tokens.class.getDeclaredFields()).map(java.lang.reflect.Field::getName)).doesNotContain("TRANSFER");
    }

    @Test
    void movementsAreEntriesOnTheCustomersTimelineAndSurviveARebuild() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            mint(f, ann, 200, "2026-01-05T00:00:00Z");
            f.node.tokens().redeem(ann, "upgrade-month", null);
            assertThat(f.node.customers().timeline(ann, null, 10).items()).filteredOn(i -> i.event() != null)
                    .extracting(i -> i.event().field("movement")).containsExactly("burn", "mint");
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
            assertThat(f.node.tokens().customerBalance(ann)).isEqualTo(80);
        }
    }
}
