package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.contracts.ContractDefinition;
import org.touchline.contracts.SignedContract;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.CustomersApiTest.post;
import static org.touchline.server.ServerFixture.assertError;
import static org.touchline.server.ServerFixture.record;

/** Contracts and the utility token through the API: deploy a signed contract, see it act, pause it; tokens and their movements. */
class ContractsApiTest {
    @TempDir Path dir;

    @Test
    void aDeployedContractActsOnTheLedgerAndCanBePaused() throws Exception {
        NoteKeys admin = NoteKeys.generate("admin.test/alice");
        Path examples = Files.isDirectory(Path.of("..", "examples", "contracts")) ? Path.of("..", "examples", "contracts") : Path.of("examples", "contracts");
        String signed = SignedContract.sign(ContractDefinition.read(examples.resolve("reward-five-star.yaml")), NoteSigner.parse(admin.signerKey())).encode();
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(f.postJson("/v1/contracts", ServerFixture.signedContractBody(signed)), 409, "contract-admins.vkeys");
            Files.writeString(dir.resolve("contract-admins.vkeys"), admin.verifierKey() + "\n");
            HttpResponse<String> r = f.postJson("/v1/contracts", ServerFixture.signedContractBody(signed));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode list = f.okJson("/v1/contracts");
            assertThat(list.get("contracts")).singleElement().satisfies(c -> assertThat(c.get("state").asText()).isEqualTo("active"));

            post(f, "{\"source\":\"calls\",\"sourceRecordId\":\"1\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"channel\":\"call_centre\","
                    + "\"type\":\"enquiry\",\"agentId\":\"AG-7\",\"rating\":5,\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"}]}");
            JsonNode tokens = f.okJson("/v1/agents/AG-7/tokens");
            assertThat(tokens.get("balance").asLong()).isEqualTo(50);
            assertThat(tokens.get("movements").get(0).get("proof").asText()).startsWith("/v1/ledger/proofs/inclusion?index=");

            assertThat(f.postJson("/v1/contracts/reward-five-star/1/pause", "{}").statusCode()).isEqualTo(201);
            post(f, record("calls", "2", "2026-01-02T00:00:00Z", "call_centre", "email", "bob@example.com"));
            assertThat(f.okJson("/v1/agents/AG-7/tokens").get("balance").asLong()).isEqualTo(50);
            assertError(f.postJson("/v1/contracts/reward-five-star/1/pause", "{}"), 422, "paused");
            assertError(f.postJson("/v1/contracts", ServerFixture.signedContractBody(signed.replace("five-star", "five-stars"))), 422, "");
        }
    }

    @Test
    void whatContractsProposeWaitsBesideTheNextBestActionInTheTeamsTaskQueueAndInTheOutbox() throws Exception {
        NoteKeys admin = NoteKeys.generate("admin.test/alice");
        Path examples = Files.isDirectory(Path.of("..", "examples", "contracts")) ? Path.of("..", "examples", "contracts") : Path.of("examples", "contracts");
        try (ServerFixture f = new ServerFixture(dir)) {
            Files.writeString(dir.resolve("contract-admins.vkeys"), admin.verifierKey() + "\n");
            for (String name : List.of("welcome-new-customer", "care-during-outage")) {
                String signed = SignedContract.sign(ContractDefinition.read(examples.resolve(name + ".yaml")), NoteSigner.parse(admin.signerKey())).encode();
                assertThat(f.postJson("/v1/contracts", ServerFixture.signedContractBody(signed)).statusCode()).isEqualTo(201);
            }
            Instant now = Instant.now().minusSeconds(60);
            post(f, "{\"source\":\"web\",\"sourceRecordId\":\"1\",\"occurredAt\":\"" + now + "\",\"channel\":\"web\",\"type\":\"login\","
                    + "\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"},{\"type\":\"account\",\"value\":\"A-1\"}]}");
            String ann = f.okJson("/v1/customers?identifier=email:ann@example.com").get("customerId").asText();

            JsonNode nba = f.okJson("/v1/customers/" + ann + "/next-best-action");
            assertThat(nba.get("proposedByContracts")).singleElement().satisfies(p -> {
                assertThat(p.get("param.action").asText()).isEqualTo("welcome");
                assertThat(p.get("contract").asText()).isEqualTo("welcome-new-customer");
            });
            JsonNode tasks = f.okJson("/v1/tasks?channel=call_centre");
            assertThat(tasks.get("tasks")).singleElement().satisfies(t -> assertThat(t.get("param.task").asText()).startsWith("Welcome call"));
            assertThat(f.okJson("/v1/tasks?channel=store").get("tasks")).isEmpty();

            post(f, "{\"source\":\"network\",\"sourceRecordId\":\"INC-1\",\"occurredAt\":\"" + now + "\",\"channel\":\"external\","
                    + "\"type\":\"network_outage\",\"identifiers\":[{\"type\":\"account\",\"value\":\"A-1\"}]}");
            JsonNode outbox = f.okJson("/v1/notifications");
            assertThat(outbox.get("notifications")).singleElement().satisfies(n -> {
                assertThat(n.get("param.template").asText()).isEqualTo("incident-known");
                assertThat(n.get("customerId").asText()).isEqualTo(ann);
            });
            long last = outbox.get("notifications").get(0).get("entry").asLong();
            assertThat(f.okJson("/v1/notifications?after=" + last).get("notifications")).isEmpty();
            assertError(f.get("/v1/tasks"), 400, "'channel' is required");
        }
    }
}
