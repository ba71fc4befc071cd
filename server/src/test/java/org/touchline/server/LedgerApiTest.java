package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteVerifier;
import org.touchline.ledger.ProofException;
import org.touchline.ledger.ProofVerifier;
import org.touchline.ledger.SignedNote;
import org.touchline.ledger.TilePath;
import org.touchline.ledger.Tiles;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.server.ServerFixture.*;

/** The verifiable read side: checkpoint, key, entries, proofs and tiles, checked with the ledger's own verifiers. */
class LedgerApiTest {
    @TempDir Path dir;

    /** Batch sizes summing to 300, so the signed sizes include a power of two and a tile boundary. */
    static final int[] BATCHES = {1, 6, 57, 64, 128, 44};

    static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode h : proof.get("hashes")) out.add(Base64.getDecoder().decode(h.asText()));
        return out;
    }

    static Checkpoint checkpoint(ServerFixture f, NoteVerifier verifier) {
        HttpResponse<String> r = f.get("/v1/ledger/checkpoint");
        assertThat(r.statusCode()).isEqualTo(200);
        SignedNote note = verifier.verify(r.body());
        return Checkpoint.parse(note.text());
    }

    static NoteVerifier verifier(ServerFixture f) {
        return NoteVerifier.parse(new String(f.ok("/v1/ledger/key"), StandardCharsets.UTF_8).strip());
    }

    /** Appends the batches, keeping the signed checkpoint seen after each. */
    static Map<Long, Checkpoint> appendBatches(ServerFixture f) {
        NoteVerifier v = verifier(f);
        Map<Long, Checkpoint> signed = new LinkedHashMap<>();
        int next = 0;
        for (int n : BATCHES) {
            f.appendBatch(next, n);
            next += n;
            Checkpoint cp = checkpoint(f, v);
            assertThat(cp.size()).isEqualTo(next);
            signed.put(cp.size(), cp);
        }
        return signed;
    }

    @Test
    void theCheckpointIsASignedNoteThatVerifiesWithTheServedKeyAndCoversTheLedger() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.appendBatch(0, 12);
            HttpResponse<String> r = f.get("/v1/ledger/checkpoint");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            HttpResponse<String> key = f.get("/v1/ledger/key");
            assertThat(key.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            NoteVerifier verifier = NoteVerifier.parse(key.body().strip());
            assertThat(verifier.name()).isEqualTo(ORIGIN);
            Checkpoint cp = Checkpoint.parse(verifier.verify(r.body()).text());
            assertThat(cp.origin()).isEqualTo(ORIGIN);
            assertThat(cp.size()).isEqualTo(f.node.ledger().size()).isEqualTo(12);
            assertThat(f.okJson("/v1/health").get("size").asLong()).isEqualTo(12);
        }
    }

    @Test
    void theCheckpointOfAnEmptyLedgerIsSignedWithSizeZeroAndTheEmptyRoot() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Checkpoint cp = checkpoint(f, verifier(f));
            assertThat(cp.size()).isZero();
            assertThat(cp.rootHash()).isEqualTo(Hashes.emptyRoot());
        }
    }

    @Test
    void theCheckpointDoesNotVerifyWithAnotherKey() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.appendBatch(0, 2);
            NoteVerifier other = NoteVerifier.parse(NoteKeys.generate(ORIGIN).verifierKey());
            String note = f.get("/v1/ledger/checkpoint").body();
            assertThatThrownBy(() -> other.verify(note)).isInstanceOf(ProofException.class);
        }
    }

    @Test
    void everyEntryHasAnInclusionProofThatVerifiesAgainstTheCheckpointRoot() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            appendBatches(f);
            Checkpoint cp = checkpoint(f, verifier(f));
            assertThat(cp.size()).isEqualTo(300);
            for (long i = 0; i < cp.size(); i++) {
                byte[] entry = f.ok("/v1/ledger/entries/" + i);
                assertThat(entry).isEqualTo(f.node.ledger().leaf(i));
                JsonNode proof = f.okJson("/v1/ledger/proofs/inclusion?index=" + i + "&treeSize=" + cp.size());
                assertThat(proof.get("index").asLong()).isEqualTo(i);
                assertThat(proof.get("treeSize").asLong()).isEqualTo(cp.size());
                ProofVerifier.verifyInclusion(Hashes.leafHash(entry), i, cp.size(), hashes(proof), cp.rootHash());
            }
        }
    }

    @Test
    void inclusionProofsForOlderSignedSizesVerifyAgainstThoseCheckpoints() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Map<Long, Checkpoint> signed = appendBatches(f);
            for (Checkpoint old : signed.values()) {
                for (long i : new long[] {0, old.size() / 2, old.size() - 1}) {
                    byte[] entry = f.ok("/v1/ledger/entries/" + i);
                    JsonNode proof = f.okJson("/v1/ledger/proofs/inclusion?index=" + i + "&treeSize=" + old.size());
                    ProofVerifier.verifyInclusion(Hashes.leafHash(entry), i, old.size(), hashes(proof), old.rootHash());
                }
            }
        }
    }

    @Test
    void consistencyProofsBetweenEverySignedSizeVerify() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            List<Checkpoint> signed = new ArrayList<>(appendBatches(f).values());
            int checked = 0;
            for (Checkpoint older : signed) {
                for (Checkpoint newer : signed) {
                    if (older.size() > newer.size()) continue;
                    JsonNode proof = f.okJson("/v1/ledger/proofs/consistency?from=" + older.size() + "&to=" + newer.size());
                    assertThat(proof.get("from").asLong()).isEqualTo(older.size());
                    assertThat(proof.get("to").asLong()).isEqualTo(newer.size());
                    ProofVerifier.verifyConsistency(older.size(), newer.size(), older.rootHash(), newer.rootHash(), hashes(proof));
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(BATCHES.length * (BATCHES.length + 1) / 2);
        }
    }

    @Test
    void aConsistencyProofDoesNotVerifyAgainstAWrongOldRoot() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            List<Checkpoint> signed = new ArrayList<>(appendBatches(f).values());
            Checkpoint older = signed.get(2), newer = signed.get(signed.size() - 1), wrong = signed.get(3);
            JsonNode proof = f.okJson("/v1/ledger/proofs/consistency?from=" + older.size() + "&to=" + newer.size());
            assertThatThrownBy(() -> ProofVerifier.verifyConsistency(older.size(), newer.size(), wrong.rootHash(), newer.rootHash(), hashes(proof)))
                    .isInstanceOf(ProofException.class);
        }
    }

    @Test
    void badProofAndEntryParametersAreRefusedWith400NamingTheParameter() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.appendBatch(0, 10);
            String inc = "/v1/ledger/proofs/inclusion", con = "/v1/ledger/proofs/consistency";
            Map<String, String> cases = new LinkedHashMap<>();
            cases.put(inc + "?treeSize=10", "index");
            cases.put(inc + "?index=1", "treeSize");
            cases.put(inc + "?index=one&treeSize=10", "index");
            cases.put(inc + "?index=1&treeSize=ten", "treeSize");
            cases.put(inc + "?index=1&treeSize=", "treeSize");
            cases.put(inc + "?index=1.5&treeSize=10", "index");
            cases.put(inc + "?index=99999999999999999999&treeSize=10", "index");
            cases.put(inc + "?index=10&treeSize=10", "index");
            cases.put(inc + "?index=-1&treeSize=10", "index");
            cases.put(inc + "?index=0&treeSize=0", "treeSize");
            cases.put(inc + "?index=0&treeSize=11", "treeSize");
            cases.put(inc + "?index=0&treeSize=-3", "treeSize");
            cases.put(con + "?to=10", "from");
            cases.put(con + "?from=1", "to");
            cases.put(con + "?from=x&to=10", "from");
            cases.put(con + "?from=1&to=y", "to");
            cases.put(con + "?from=0&to=10", "from");
            cases.put(con + "?from=11&to=10", "from");
            cases.put(con + "?from=5&to=11", "to");
            cases.put(con + "?from=5&to=0", "to");
            cases.put("/v1/ledger/entries/10", "index");
            cases.put("/v1/ledger/entries/-1", "index");
            cases.put("/v1/ledger/entries/abc", "index");
            for (var c : cases.entrySet()) assertError(f.get(c.getKey()), 400, c.getValue());
        }
    }

    @Test
    void tilesEqualWhatTheNodeComputesAndLevelZeroHoldsTheLeafHashes() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            appendBatches(f);
            long size = 300;
            for (String path : List.of("tile/0/000", "tile/0/001.p/44", "tile/0/000.p/10", "tile/1/000.p/1")) {
                HttpResponse<byte[]> r = f.getBytes("/v1/ledger/" + path);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/octet-stream");
                assertThat(r.body()).as(path).isEqualTo(Tiles.hashTile(TilePath.parse(path), size, f.node.ledger().hashes()));
            }
            byte[] level0 = f.ok("/v1/ledger/tile/0/000");
            byte[] level0b = f.ok("/v1/ledger/tile/0/001.p/44");
            assertThat(level0).hasSize(256 * 32);
            for (int i = 0; i < 300; i++) {
                byte[] tile = i < 256 ? level0 : level0b;
                int at = (i % 256) * 32;
                assertThat(Arrays.copyOfRange(tile, at, at + 32)).as("leaf hash %d", i)
                        .isEqualTo(Hashes.leafHash(f.ok("/v1/ledger/entries/" + i)));
            }
            // the level-1 hash is the root of the first 256 leaves
            byte[] level1 = f.ok("/v1/ledger/tile/1/000.p/1");
            JsonNode proof = f.okJson("/v1/ledger/proofs/consistency?from=256&to=300");
            assertThat(level1).hasSize(32);
            ProofVerifier.verifyConsistency(256, 300, level1, checkpoint(f, verifier(f)).rootHash(), hashes(proof));
        }
    }

    @Test
    void fullAndPartialEntryBundlesHoldTheEntries() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            appendBatches(f);
            List<byte[]> first = new ArrayList<>(), second = new ArrayList<>();
            for (int i = 0; i < 256; i++) first.add(f.node.ledger().leaf(i));
            for (int i = 256; i < 300; i++) second.add(f.node.ledger().leaf(i));
            assertThat(f.ok("/v1/ledger/tile/entries/000")).isEqualTo(Tiles.entryBundle(first));
            byte[] partial = f.ok("/v1/ledger/tile/entries/001.p/44");
            assertThat(partial).isEqualTo(Tiles.entryBundle(second));
            List<byte[]> parsed = Tiles.parseEntryBundle(partial);
            assertThat(parsed).hasSize(44);
            assertThat(parsed.get(0)).isEqualTo(f.ok("/v1/ledger/entries/256"));
        }
    }

    @Test
    void fullTilesAreImmutableAndPartialTilesAreNotCached() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            appendBatches(f);
            assertThat(f.getBytes("/v1/ledger/tile/0/000").headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
            assertThat(f.getBytes("/v1/ledger/tile/0/001.p/44").headers().firstValue("Cache-Control").orElseThrow()).isEqualTo("no-cache");
        }
    }

    @Test
    void malformedTilePathsAreRefusedWith400() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            appendBatches(f);
            for (String path : List.of("tile/0/1", "tile/0/0000", "tile/0/000.p/0", "tile/0/000.p/256", "tile/0/000.p/007",
                    "tile/x/000", "tile/01/000", "tile/0/x000/001", "tile/0", "tile/0/abc")) {
                HttpResponse<String> r = f.get("/v1/ledger/" + path);
                assertThat(r.statusCode()).as("%s answered %s", path, r.body()).isEqualTo(400);
                assertNoStackTrace(r.body());
                assertThat(json(r).get("error").asText()).as(path).contains("tile");
            }
        }
    }

    /** C2SP tlog-tiles clients take 404 as "not there yet", so tiles beyond the signed size are 404, not 400. */
    @Test
    void tilesBeyondTheSignedSizeAnswer404() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            appendBatches(f);
            for (String path : List.of("tile/0/001", "tile/0/001.p/45", "tile/1/000", "tile/entries/001", "tile/entries/002.p/1")) {
                HttpResponse<String> r = f.get("/v1/ledger/" + path);
                assertThat(r.statusCode()).as("%s answered %s", path, r.body()).isEqualTo(404);
                assertNoStackTrace(r.body());
                assertThat(json(r).get("error").asText()).as(path).contains("beyond the signed size");
            }
        }
    }
}
