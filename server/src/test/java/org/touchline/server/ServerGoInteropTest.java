package org.touchline.server;

import org.touchline.ledger.GoTlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.NoteVerifier;
import org.touchline.ledger.TilePath;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end with an independent implementation: everything a verifier needs is fetched from the RUNNING server over
 * HTTP (signed checkpoints after each append batch, the verifier key, entries, inclusion and consistency proofs, hash
 * tiles and entry bundles), written to a directory and checked by Go's golang.org/x/mod/sumdb/tlog and note
 * (src/test/go/serverinterop.go; Debian packages golang-go and golang-golang-x-mod-dev, GOPATH mode).
 *
 * <p>Skipped when Go is not installed, unless TOUCHLINE_REQUIRE_GO=1, when it fails instead. TOUCHLINE_GO may name
 * the go binary.
 */
class ServerGoInteropTest {

    @TempDir Path tmp;

    @Test
    void goTlogAndNoteAcceptWhatTheRunningServerPublishes() throws Exception {
        GoTlog go = GoTlog.requireOrSkip();
        Path program = Path.of("src/test/go/serverinterop.go").toAbsolutePath();
        assertThat(program).exists();

        Path input = tmp.resolve("input.json");
        try (ServerFixture f = new ServerFixture(tmp.resolve("node"))) {
            Files.writeString(input, fetchEverything(f, tmp.resolve("published")).toPrettyString(), StandardCharsets.UTF_8);
        }

        String output = go.run(program, input);
        assertThat(output).as("go run output").doesNotContain("FAIL");
        System.out.println(output);
        Matcher m = Pattern.compile("go server interop: (\\d+) checks passed").matcher(output);
        assertThat(m.find()).as("go run output:\n%s", output).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("number of checks Go ran").isGreaterThan(40);

        // The same check must fail once one served tile is altered (it is authenticated against the signed root).
        Path tile = tmp.resolve("published").resolve("tile/0/001.p/44");
        byte[] data = Files.readAllBytes(tile);
        data[100] ^= 1;
        Files.write(tile, data);
        assertThatThrownBy(() -> go.run(program, input)).hasMessageContaining("FAIL").hasMessageContaining("tile");
    }

    /** Appends in batches over HTTP and fetches, over HTTP only, what a remote verifier would. */
    private static ObjectNode fetchEverything(ServerFixture f, Path published) throws Exception {
        ObjectNode in = ServerFixture.JSON.createObjectNode();
        String key = new String(f.ok("/v1/ledger/key"), StandardCharsets.UTF_8).strip();
        NoteVerifier verifier = NoteVerifier.parse(key);
        in.put("Origin", verifier.name()).put("VerifierKey", key);

        ArrayNode notes = in.putArray("Checkpoints");
        List<Long> sizes = new ArrayList<>();
        int next = 0;
        for (int n : LedgerApiTest.BATCHES) {
            f.appendBatch(next, n);
            next += n;
            String note = new String(f.ok("/v1/ledger/checkpoint"), StandardCharsets.UTF_8);
            sizes.add(Checkpoint.parse(verifier.verify(note).text()).size());
            notes.add(note);
        }
        long size = sizes.get(sizes.size() - 1);
        assertThat(size).isEqualTo(300);

        long[] picked = {0, 1, 63, 64, 127, 255, 256, 257, 299};
        ArrayNode entries = in.putArray("Entries");
        for (long i : picked)
            entries.addObject().put("Index", i).put("Data", Base64.getEncoder().encodeToString(f.ok("/v1/ledger/entries/" + i)));

        ArrayNode inclusion = in.putArray("Inclusion");
        for (long treeSize : sizes)
            for (long i : picked)
                if (i < treeSize) inclusion.add(proof(f.okJson("/v1/ledger/proofs/inclusion?index=" + i + "&treeSize=" + treeSize),
                        "Index", "index", "TreeSize", "treeSize"));

        ArrayNode consistency = in.putArray("Consistency");
        for (long from : sizes)
            for (long to : sizes)
                if (from < to) consistency.add(proof(f.okJson("/v1/ledger/proofs/consistency?from=" + from + "&to=" + to),
                        "OldSize", "from", "NewSize", "to"));

        // Every hash tile of every signed tree (what tlog's TileHashReader asks for), and all entry bundles.
        in.put("TileDir", published.toString());
        ArrayNode tiles = in.putArray("Tiles");
        List<String> tilePaths = new ArrayList<>();
        for (long treeSize : sizes)
            for (TilePath t : tilesOf(treeSize, false))
                if (!tilePaths.contains(t.path())) tilePaths.add(t.path());
        for (String path : tilePaths) {
            save(published, path, f.ok("/v1/ledger/" + path));
            tiles.add(path);
        }
        ArrayNode bundles = in.putArray("Bundles");
        for (TilePath t : tilesOf(size, true)) {
            save(published, t.path(), f.ok("/v1/ledger/" + t.path()));
            bundles.add(t.path());
        }
        assertThat(tilePaths).contains("tile/0/000", "tile/0/001.p/44", "tile/1/000.p/1", "tile/0/000.p/7");
        assertThat(bundles.toString()).contains("tile/entries/000", "tile/entries/001.p/44");
        return in;
    }

    /** The full tiles and the rightmost partial tile of each level of a tree of {@code size} leaves. */
    private static List<TilePath> tilesOf(long size, boolean entries) {
        List<TilePath> out = new ArrayList<>();
        for (int level = 0; level == 0 || (!entries && (size >>> (8 * level)) > 0); level++) {
            long count = size >>> (8 * level);
            for (long n = 0; n < count / 256; n++) out.add(entries ? TilePath.entries(n, 256) : TilePath.hashes(level, n, 256));
            if (count % 256 != 0)
                out.add(entries ? TilePath.entries(count / 256, (int) (count % 256)) : TilePath.hashes(level, count / 256, (int) (count % 256)));
        }
        return out;
    }

    private static ObjectNode proof(JsonNode p, String a, String aFrom, String b, String bFrom) {
        ObjectNode o = ServerFixture.JSON.createObjectNode().put(a, p.get(aFrom).asLong()).put(b, p.get(bFrom).asLong());
        o.set("Hashes", p.get("hashes"));
        return o;
    }

    private static void save(Path dir, String path, byte[] data) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
    }
}
