package org.touchline.node;

import org.touchline.ledger.Hashes;
import org.touchline.ledger.NoteSignature;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.NoteVerifier;
import org.touchline.ledger.ProofException;
import org.touchline.ledger.SignedNote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Batches a channel node signs (docs/ingest.md, "Signed batches"). A channel node holds a C2SP signed-note key; its verifier key is
 * registered with this node in {@value #KEYS_FILE} (one per line), and a key withdrawn from service is listed by name
 * in {@value #REVOKED_FILE}. A batch is its NDJSON records and a signed note whose text is
 * <pre>
 * touchline/batch/v1
 * &lt;batch id&gt;
 * &lt;record count&gt;
 * &lt;SHA-256 of the records, hex&gt;
 * </pre>
 * It is refused, with the reason and before anything of it is appended, when no registered key signed it, the key is
 * revoked, the records are not the ones signed (altered in transit), or its batch id was accepted before (a replay).
 */
public final class SignedBatches {
    public static final String KEYS_FILE = "channel-keys.vkeys", REVOKED_FILE = "channel-keys.revoked", SEEN_FILE = "channel-batches.seen";
    static final String HEADER = "touchline/batch/v1";

    /** Why a batch was refused: {@code reason} is one of unknown-key, revoked-key, altered, replayed, malformed. */
    public static final class Refused extends RuntimeException {
        public final String reason;

        Refused(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** A batch that passed: which channel key signed it and its id. */
    public record Verified(String channel, String batchId, int records) {}

    private final Path dir;
    /** Accepted batch ids ({@code channel/batch}), each with where it was accepted ("" if not said). */
    private final Map<String, String> seen = new HashMap<>();

    SignedBatches(Path dataDir) {
        this.dir = dataDir;
        try {
            Path f = dir.resolve(SEEN_FILE);
            if (Files.exists(f))
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    int space = line.indexOf(' ');
                    if (space < 0) seen.put(line, "");
                    else seen.put(line.substring(0, space), line.substring(space + 1));
                }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SEEN_FILE, e);
        }
    }

    /** The note a channel node sends with its records. */
    public static String sign(NoteSigner channelKey, String batchId, String ndjson) {
        long count = ndjson.lines().filter(l -> !l.isBlank()).count();
        String text = HEADER + "\n" + batchId + "\n" + count + "\n" + sha256(ndjson) + "\n";
        return channelKey.sign(text).encode();
    }

    /** Checks a batch; a passed batch's id is remembered only by {@link #accepted} once its records are in. */
    public synchronized Verified verify(String note, String ndjson) { return verify(note, ndjson, null); }

    /**
     * As {@link #verify(String, String)}, where a batch accepted before at {@code where} (a cluster's topic offset) is
     * the same message read again after a crash, not a replay: a cluster node resumes from a position that may lag
     * its ledger, and must decide the same as when it first read the message.
     */
    public synchronized Verified verify(String note, String ndjson, String where) {
        SignedNote n;
        try {
            n = SignedNote.parse(note);
        } catch (RuntimeException e) {
            throw new Refused("malformed", "the batch note is not a signed note: " + e.getMessage());
        }
        String[] lines = n.text().split("\n");
        if (lines.length != 4 || !lines[0].equals(HEADER) || !lines[1].matches("[A-Za-z0-9._:-]{1,128}") || !lines[2].matches("\\d{1,9}")
                || !lines[3].matches("[0-9a-f]{64}"))
            throw new Refused("malformed", "the batch note's text must be: " + HEADER + ", a batch id, a record count, the records' SHA-256");
        Set<String> revoked = revoked();
        NoteVerifier signer = null;
        for (NoteVerifier v : keys())
            for (NoteSignature s : n.signatures())
                if (s.name().equals(v.name()) && s.keyId() == v.keyId()) signer = v;
        if (signer == null) {
            List<String> names = n.signatures().stream().map(NoteSignature::name).toList();
            throw new Refused("unknown-key", "the batch is signed by " + (names.isEmpty() ? "no key" : String.join(", ", names))
                    + ", which is not a registered channel key (" + KEYS_FILE + ")");
        }
        if (revoked.contains(signer.name())) throw new Refused("revoked-key", "channel key " + signer.name() + " is revoked");
        try {
            signer.verify(n);
        } catch (ProofException e) {
            throw new Refused("altered", "the batch note's signature does not verify: " + e.getMessage());
        }
        if (!sha256(ndjson).equals(lines[3]) || ndjson.lines().filter(l -> !l.isBlank()).count() != Long.parseLong(lines[2]))
            throw new Refused("altered", "the records are not the ones channel " + signer.name() + " signed (SHA-256 or count differs): altered in transit");
        String id = signer.name() + "/" + lines[1];
        String before = seen.get(id);
        if (before != null && !(where != null && where.equals(before))) throw new Refused("replayed", "batch " + lines[1] + " from " + signer.name() + " was accepted before: a replay");
        return new Verified(signer.name(), lines[1], Integer.parseInt(lines[2]));
    }

    /** Remembers an accepted batch id, so the same batch sent again is refused as a replay. */
    public synchronized void accepted(Verified v) { accepted(v, null); }

    /** As {@link #accepted(Verified)}, remembering where it was accepted (see {@link #verify(String, String, String)}). */
    public synchronized void accepted(Verified v, String where) {
        if (where != null && !where.matches("[A-Za-z0-9:._-]+")) throw new IllegalArgumentException("where a batch was accepted must be one word: " + where);
        String id = v.channel() + "/" + v.batchId();
        if (seen.containsKey(id)) return;
        seen.put(id, where == null ? "" : where);
        try {
            Files.writeString(dir.resolve(SEEN_FILE), id + (where == null ? "" : " " + where) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + SEEN_FILE, e);
        }
    }

    private List<NoteVerifier> keys() {
        List<NoteVerifier> out = new ArrayList<>();
        for (String l : lines(KEYS_FILE)) out.add(NoteVerifier.parse(l));
        return out;
    }

    private Set<String> revoked() { return new HashSet<>(lines(REVOKED_FILE)); }

    private List<String> lines(String name) {
        Path f = dir.resolve(name);
        if (!Files.exists(f)) return List.of();
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    static String sha256(String s) { return HexFormat.of().formatHex(Hashes.sha256(s.getBytes(StandardCharsets.UTF_8))); }
}
