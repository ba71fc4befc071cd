package org.touchline.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.SignedBatches;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch signed by an unknown or revoked key, altered in transit or replayed is refused, and nothing of it appended. */
class SignedBatchesApiTest {
    @TempDir Path dir;

    static String records(int from, int n) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < from + n; k++) b.append(ServerFixture.webRecord(k, "user" + k + "@example.com")).append('\n');
        return b.toString();
    }

    static String body(String note, String records) throws Exception {
        return ServerFixture.JSON.createObjectNode().put("note", note).put("records", records).toString();
    }

    @Test
    void only_the_untouched_first_sending_of_a_registered_unrevoked_channels_batch_is_appended() throws Exception {
        NoteSigner store = NoteSigner.parse(NoteKeys.generate("channel.stores.northwind/node-1").signerKey());
        NoteSigner stranger = NoteSigner.parse(NoteKeys.generate("channel.elsewhere/node-9").signerKey());
        Files.writeString(dir.resolve(SignedBatches.KEYS_FILE), store.verifierKey() + "\n");
        try (ServerFixture f = new ServerFixture(dir)) {
            String good = records(0, 5);
            HttpResponse<String> unknown = f.postJson("/v1/batches", body(SignedBatches.sign(stranger, "b-1", good), good));
            assertThat(unknown.statusCode()).isEqualTo(403);
            assertThat(unknown.body()).contains("not a registered channel key");

            String altered = good.replace("user1@example.com", "mallory@example.com");
            HttpResponse<String> tampered = f.postJson("/v1/batches", body(SignedBatches.sign(store, "b-1", good), altered));
            assertThat(tampered.statusCode()).isEqualTo(400);
            assertThat(tampered.body()).contains("altered in transit");
            assertThat(f.node.ledger().size()).as("nothing appended from refused batches").isZero();

            HttpResponse<String> ok = f.postJson("/v1/batches", body(SignedBatches.sign(store, "b-1", good), good));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(ServerFixture.json(ok).get("accepted").asLong()).isEqualTo(5);
            long size = f.node.ledger().size();

            HttpResponse<String> replay = f.postJson("/v1/batches", body(SignedBatches.sign(store, "b-1", good), good));
            assertThat(replay.statusCode()).isEqualTo(409);
            assertThat(replay.body()).contains("a replay");

            Files.writeString(dir.resolve(SignedBatches.REVOKED_FILE), store.name() + "\n");
            String more = records(5, 3);
            HttpResponse<String> revoked = f.postJson("/v1/batches", body(SignedBatches.sign(store, "b-2", more), more));
            assertThat(revoked.statusCode()).isEqualTo(403);
            assertThat(revoked.body()).contains("is revoked");
            assertThat(f.node.ledger().size()).isEqualTo(size);
        }
    }
}
