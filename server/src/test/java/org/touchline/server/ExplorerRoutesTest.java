package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.contracts.ContractDefinition;
import org.touchline.contracts.SignedContract;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.AccessTokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.assertError;
import static org.touchline.server.ServerFixture.record;

/** The explorer's read routes (docs/pages.md, "Ledger explorer"): every signed checkpoint, paged; what a contract did, paged. */
class ExplorerRoutesTest {
    @TempDir Path dir;

    @Test
    void everySignedCheckpointIsListedSmallestFirstAndPagedWithAfter() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            for (int n = 0; n < 5; n++) f.appendBatch(n * 3, 3);
            JsonNode all = f.okJson("/v1/ledger/checkpoints").get("checkpoints");
            List<Long> sizes = new ArrayList<>();
            all.forEach(c -> sizes.add(c.get("size").asLong()));
            assertThat(sizes).containsExactly(3L, 6L, 9L, 12L, 15L);
            assertThat(all.get(4).get("note").asText()).isEqualTo(f.node.reader().checkpoint());
            assertThat(all.get(4).get("root").asText()).isEqualTo(f.node.reader().checkpoint().split("\n")[2]);
            assertThat(f.okJson("/v1/ledger/checkpoints").get("next").isNull()).isTrue();

            JsonNode page = f.okJson("/v1/ledger/checkpoints?after=3&limit=2");
            assertThat(page.get("checkpoints")).extracting(c -> c.get("size").asLong()).containsExactly(6L, 9L);
            assertThat(page.get("next").asText()).isEqualTo("/v1/ledger/checkpoints?after=9&limit=2");
            JsonNode last = f.okJson(page.get("next").asText());
            assertThat(last.get("checkpoints")).extracting(c -> c.get("size").asLong()).containsExactly(12L, 15L);
            assertThat(last.get("next").isNull()).isTrue();
            assertThat(f.okJson("/v1/ledger/checkpoints?after=15").get("checkpoints")).isEmpty();
        }
    }

    @Test
    void aBadLimitOrAfterIsRefusedNamingTheParameter() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(f.get("/v1/ledger/checkpoints?limit=0"), 400, "'limit'", "between 1 and 10000");
            assertError(f.get("/v1/ledger/checkpoints?limit=10001"), 400, "'limit'");
            assertError(f.get("/v1/ledger/checkpoints?after=ten"), 400, "'after'", "whole number");
        }
    }

    @Test
    void aContractsActionsAreListedNewestFirstBesideItsLifecycleAndPagedWithBefore() throws Exception {
        NoteKeys admin = NoteKeys.generate("admin.test/alice");
        Path examples = Files.isDirectory(Path.of("..", "examples", "contracts")) ? Path.of("..", "examples", "contracts") : Path.of("examples", "contracts");
        try (ServerFixture f = new ServerFixture(dir)) {
            Files.writeString(dir.resolve("contract-admins.vkeys"), admin.verifierKey() + "\n");
            String signed = SignedContract.sign(ContractDefinition.read(examples.resolve("welcome-new-customer.yaml")), NoteSigner.parse(admin.signerKey())).encode();
            assertThat(f.postJson("/v1/contracts", ServerFixture.signedContractBody(signed)).statusCode()).isEqualTo(201);
            for (int n = 0; n < 3; n++)   // three new customers: each first interaction proposes a welcome and opens a task
                assertThat(f.postJson("/v1/interactions", record("web", "r" + n, "2026-02-01T10:00:0" + n + "Z", "web", "email", "c" + n + "@example.com"))
                        .statusCode()).isEqualTo(201);
            String bob = new AccessTokens(f.dir).grant("administrator", "bob", null, null);
            assertThat(f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/contracts/welcome-new-customer/1/pause"))
                    .header("Authorization", "Bearer " + bob).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(201);

            JsonNode all = f.okJson("/v1/contracts/welcome-new-customer/actions");
            assertThat(all.get("total").asInt()).isEqualTo(6);
            assertThat(all.get("changes")).extracting(c -> c.get("change").asText() + " by " + c.get("actor").asText())
                    .containsExactly("deploy by administrator:server-fixture", "pause by administrator:bob");
            List<Long> entries = new ArrayList<>();
            for (JsonNode a : all.get("actions")) {
                entries.add(a.get("entry").asLong());
                assertThat(a.get("kind").asText()).isEqualTo("action");
                assertThat(a.get("contract").asText()).isEqualTo("welcome-new-customer");
                assertThat(a.get("about").asLong()).isLessThan(a.get("entry").asLong());
            }
            assertThat(entries).isSortedAccordingTo(Comparator.reverseOrder());

            JsonNode first = f.okJson("/v1/contracts/welcome-new-customer/actions?limit=4");
            assertThat(first.get("actions")).extracting(a -> a.get("entry").asLong()).containsExactlyElementsOf(entries.subList(0, 4));
            assertThat(first.get("next").asText()).isEqualTo("/v1/contracts/welcome-new-customer/actions?limit=4&before=" + entries.get(3));
            JsonNode rest = f.okJson(first.get("next").asText());
            assertThat(rest.get("actions")).extracting(a -> a.get("entry").asLong()).containsExactlyElementsOf(entries.subList(4, 6));
            assertThat(rest.get("next").isNull()).isTrue();

            assertError(f.get("/v1/contracts/no-such-contract/actions"), 404, "no contract 'no-such-contract'");
        }
    }
}
