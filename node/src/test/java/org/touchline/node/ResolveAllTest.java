package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Interaction;
import org.touchline.domain.Progress;
import org.touchline.identity.match.PersonMatchModel;
import org.touchline.store.sqlite.SqliteStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.account;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;

/** After the rules change, `identity resolve --all` re-resolves the history and records it. */
class ResolveAllTest {
    @TempDir Path dir;

    @Test
    void aRulesChangeIsRefusedAtStartUntilTheHistoryIsReResolvedUnderIt() throws Exception {
        String a, b;
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", account("ACC-1"), email("shared@example.com")));
            f.append(interaction("crm", "2", "2026-01-02T00:00:00Z", "email", account("ACC-2")));
            f.append(interaction("crm", "3", "2026-01-03T00:00:00Z", "email", account("ACC-2"), email("shared@example.com")));
            a = f.node.customers().findByIdentifier(account("ACC-1")).orElseThrow();
            b = f.node.customers().findByIdentifier(account("ACC-2")).orElseThrow();
            assertThat(a).isNotEqualTo(b); // one account per customer: the shared email does not merge them
        }
        Files.writeString(dir.resolve("identity-rules.yaml"), "strong: { account: 2, email: 5, phone: 5 }\n");
        try (SqliteStore store = new SqliteStore(dir)) {
            assertThatThrownBy(() -> new Node(NodeIdentity.openOrCreate(dir, "test.touchline/log"), store.ledger(), store.projections(), store.deadLetters()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("touchline identity resolve --all");
        }

        try (SqliteStore store = new SqliteStore(dir);
             Node node = Node.forResolveAll(NodeIdentity.openOrCreate(dir, "test.touchline/log"), store.ledger(), store.projections(), store.deadLetters())) {
            Node.ResolveReport report = node.resolveAll(Progress.NONE);
            assertThat(report.superseded()).isEqualTo(1);   // the merge refused under "one account"
            assertThat(report.recorded()).isEqualTo(1);     // the merge the new rules make
            assertThat(report.customers()).isEqualTo(1);
            assertThat(IdentityDecision.parse(node.ledger().leaf(report.rulesEntry())).kind()).isEqualTo(IdentityDecision.RULES);
            assertThat(node.customers().current(b)).contains(a);
            assertThat(node.customers().decisions(a)).extracting(r -> r.decision().kind() + "/" + r.status())
                    .contains(IdentityDecision.MERGE_REFUSED + "/superseded", IdentityDecision.MERGED + "/done");
        }
        try (NodeFixture f = new NodeFixture(dir)) {
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
            assertThat(f.node.verify(Progress.NONE).ok()).isTrue();
        }
    }

    @Test
    void aModelFittedToTheLedgerIsRefusedAtStartUntilResolveAllAdoptsIt() throws Exception {
        Random random = new Random(42);
        String[] given = {"Ann", "Bob", "Cara", "Dev", "Eve", "Finn", "Gus", "Hana", "Ivo", "Jon"};
        String[] family = {"Smith", "Jones", "Patel", "Khan", "Brown", "Wilson", "Evans", "Lee", "Clark", "Hall"};
        try (NodeFixture f = new NodeFixture(dir)) {
            assertThatThrownBy(() -> f.node.fitMatchModel(Progress.NONE)).hasMessageContaining("too few");
            List<Interaction> records = new ArrayList<>();
            for (int p = 0; p < 150; p++) {
                String name = given[random.nextInt(given.length)] + " " + family[random.nextInt(family.length)];
                String dob = String.format("19%02d-%02d-%02d", 40 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
                String postcode = "LS" + (1 + random.nextInt(30)) + " " + random.nextInt(10) + "AB";
                for (int copy = 0; copy < 1 + random.nextInt(3); copy++)
                    records.add(interaction("crm", p + "-" + copy, "2026-01-01T00:00:00Z", "email", email("p" + p + "c" + copy + "@example.com"),
                            new Identifier("name", name), new Identifier("date_of_birth", dob),
                            new Identifier("postcode", postcode)));
            }
            f.append(records.toArray(Interaction[]::new));
            var model = f.node.fitMatchModel(Progress.NONE);
            assertThat(model.version()).isNotEqualTo(PersonMatchModel.defaults().version());
            MatchModelFile.write(dir, model);
        }
        try (SqliteStore store = new SqliteStore(dir)) {
            assertThatThrownBy(() -> new Node(NodeIdentity.openOrCreate(dir, "test.touchline/log"), store.ledger(), store.projections(), store.deadLetters()))
                    .hasMessageContaining(MatchModelFile.FILE_NAME);
            try (Node node = Node.forResolveAll(NodeIdentity.openOrCreate(dir, "test.touchline/log"), store.ledger(), store.projections(), store.deadLetters())) {
                node.resolveAll(Progress.NONE);
            }
        }
        try (NodeFixture f = new NodeFixture(dir)) {
            assertThat(f.node.matchModel().version()).isEqualTo(MatchModelFile.loadFrom(dir).version());
        }
    }
}
