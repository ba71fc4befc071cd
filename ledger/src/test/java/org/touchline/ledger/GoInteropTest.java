package org.touchline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent check: Go's golang.org/x/mod/sumdb/tlog and note (Debian packages golang-go and
 * golang-golang-x-mod-dev) must accept our checkpoints, notes, proofs, tiles and receipts, and
 * must produce the same proofs and tiles from the same leaves (src/test/go/interop.go).
 *
 * <p>Skipped when Go is not installed, unless TOUCHLINE_REQUIRE_GO=1, when it fails instead.
 * TOUCHLINE_GO may name the go binary.
 */
class GoInteropTest {
    private static final String PREFIX = "touchline interop leaf ";
    private static final int SIZE = 70_000;

    @TempDir
    Path tmp;

    @Test
    void goTlogAndNoteAcceptOurOutputAndAgreeWithIt() throws Exception {
        GoTlog go = GoTlog.requireOrSkip();
        Path input = tmp.resolve("input.json");
        Files.writeString(input, buildInput(), StandardCharsets.UTF_8);
        Path program = Path.of("src/test/go/interop.go").toAbsolutePath();
        assertThat(program).exists();
        String output = go.run(program, input);
        System.out.println(output);
        Matcher m = Pattern.compile("go interop: (\\d+) checks passed").matcher(output);
        assertThat(m.find()).as("go run output:\n%s", output).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("number of checks Go ran").isGreaterThan(100);
    }

    private String buildInput() throws IOException {
        Random rnd = new Random(20261122);
        InMemoryHashStore store = new InMemoryHashStore();
        Frontier frontier = Frontier.empty();
        for (int i = 0; i < SIZE; i++) {
            frontier.append(Hashes.leafHash(leaf(i)), store);
        }
        String origin = "example.com/touchline-interop";
        NoteSigner signer = NoteSigner.parse(NoteKeys.generate(origin).signerKey());
        Checkpoint checkpoint = new Checkpoint(origin, SIZE, frontier.root());
        SignedNote note = signer.sign(checkpoint.body());
        String tampered = note.encode().replace("\n" + SIZE + "\n", "\n" + (SIZE - 1) + "\n");

        Json json = new Json();
        json.field("Origin", origin).field("VerifierKey", signer.verifierKey()).field("LeafCount", SIZE)
                .field("LeafPrefix", PREFIX).field("CheckpointNote", note.encode()).field("TamperedNote", tampered);

        List<String> roots = new ArrayList<>();
        for (long n : new long[] {1, 2, 3, 255, 256, 257, 65535, 65536, 65537, SIZE, 1 + rnd.nextInt(SIZE)}) {
            roots.add(new Json().field("Size", n).field("Hash", b64(MerkleTree.rootHash(n, store))).toString());
        }
        json.raw("Roots", array(roots));

        List<String> inclusion = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        long[][] cases = new long[40][];
        cases[0] = new long[] {0, 1};
        cases[1] = new long[] {SIZE - 1, SIZE};
        for (int i = 2; i < cases.length; i++) {
            long n = 1 + rnd.nextInt(SIZE);
            cases[i] = new long[] {rnd.nextInt((int) n), n};
        }
        for (long[] c : cases) {
            InclusionProof p = MerkleTree.inclusionProof(c[0], c[1], store);
            inclusion.add(new Json().field("Index", c[0]).field("TreeSize", c[1]).raw("Hashes", hashes(p.hashes())).toString());
            if (bad.size() < 3 && !p.hashes().isEmpty()) {
                List<byte[]> corrupted = new ArrayList<>(p.hashes());
                byte[] h = corrupted.get(0).clone();
                h[7] ^= 0x10;
                corrupted.set(0, h);
                bad.add(new Json().field("Index", c[0]).field("TreeSize", c[1]).raw("Hashes", hashes(corrupted)).toString());
            }
        }
        json.raw("Inclusion", array(inclusion)).raw("BadInclusion", array(bad));

        List<String> consistency = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long n = 1 + rnd.nextInt(SIZE);
            long m = i == 0 ? n : 1 + rnd.nextInt((int) n);
            ConsistencyProof p = MerkleTree.consistencyProof(m, n, store);
            consistency.add(new Json().field("OldSize", m).field("NewSize", n).raw("Hashes", hashes(p.hashes())).toString());
        }
        json.raw("Consistency", array(consistency));

        List<String> tiles = new ArrayList<>();
        for (String path : List.of("tile/0/000", "tile/0/272", "tile/0/273.p/112", "tile/0/005.p/10", "tile/1/000",
                "tile/1/001.p/17", "tile/2/000.p/1")) {
            TilePath t = TilePath.parse(path);
            byte[] data = Tiles.hashTile(t, SIZE, store);
            tiles.add(new Json().field("Path", t.path()).field("Level", t.level()).field("Index", t.index())
                    .field("Width", t.width()).field("Data", b64(data)).toString());
        }
        json.raw("Tiles", array(tiles));

        List<String> bundles = new ArrayList<>();
        for (TilePath t : List.of(TilePath.entries(0, 256), TilePath.entries(273, 112))) {
            List<byte[]> entries = new ArrayList<>();
            for (int i = 0; i < t.width(); i++) {
                entries.add(leaf(t.index() * 256 + i));
            }
            bundles.add(new Json().field("Path", t.path()).field("Index", t.index()).field("Width", t.width())
                    .field("Data", b64(Tiles.entryBundle(entries))).toString());
        }
        json.raw("Bundles", array(bundles));

        long receiptIndex = 12345;
        Receipt receipt = Receipt.of(MerkleTree.inclusionProof(receiptIndex, SIZE, store), note).withExtra(new byte[] {42});
        receipt.verify(leaf(receiptIndex), signer.verifier());
        json.field("Receipt", receipt.encode()).field("ReceiptIndex", receiptIndex);
        return json.toString();
    }

    private static byte[] leaf(long i) {
        return (PREFIX + i).getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static String hashes(List<byte[]> list) {
        List<String> quoted = new ArrayList<>();
        for (byte[] h : list) {
            quoted.add("\"" + b64(h) + "\"");
        }
        return array(quoted);
    }

    private static String array(List<String> items) {
        return "[" + String.join(",", items) + "]";
    }

    /** Just enough JSON writing for the input file; the values are ours. */
    private static final class Json {
        private final StringBuilder sb = new StringBuilder("{");

        Json field(String name, String value) {
            return raw(name, quote(value));
        }

        Json field(String name, long value) {
            return raw(name, Long.toString(value));
        }

        Json raw(String name, String json) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(quote(name)).append(':').append(json);
            return this;
        }

        private static String quote(String s) {
            StringBuilder q = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> q.append("\\\"");
                    case '\\' -> q.append("\\\\");
                    case '\n' -> q.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            q.append(String.format("\\u%04x", (int) c));
                        } else {
                            q.append(c);
                        }
                    }
                }
            }
            return q.append('"').toString();
        }

        @Override
        public String toString() {
            return sb + "}";
        }
    }
}
