package org.touchline.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.PersonalPart;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.NoteVerifier;
import org.touchline.ledger.ProofVerifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Checks an {@link ExportBundle} offline, trusting nothing in it but the verifier key the caller pins (or, if none,
 * the one the bundle carries, which then only proves the bundle is self-consistent): the checkpoint's signature, each
 * entry's inclusion proof to the checkpoint's root (RFC 6962 leaf hash, RFC 9162 proof), and each personal part
 * against its entry's salted commitment.
 */
public final class BundleVerifier {
    public record Report(String customerId, long treeSize, int entries, int personalParts, boolean keyPinned, List<String> problems) {
        public boolean ok() { return problems.isEmpty(); }
    }

    private BundleVerifier() {}

    public static Report verify(byte[] bundle, String pinnedKey) {
        List<String> problems = new ArrayList<>();
        JsonNode b;
        try {
            b = InteractionJson.MAPPER.readTree(bundle);
        } catch (IOException e) {
            return new Report(null, 0, 0, 0, pinnedKey != null, List.of("the bundle is not JSON: " + e.getMessage()));
        }
        if (!ExportBundle.FORMAT.equals(b.path("format").asText()))
            return new Report(null, 0, 0, 0, pinnedKey != null, List.of("not a " + ExportBundle.FORMAT + " bundle"));
        String key = pinnedKey != null ? pinnedKey : b.path("verifierKey").asText();
        Checkpoint cp;
        try {
            cp = Checkpoint.parse(NoteVerifier.parse(key).verify(b.path("checkpoint").asText()).text());
        } catch (RuntimeException e) {
            return new Report(b.path("customerId").asText(), 0, 0, 0, pinnedKey != null,
                    List.of("the checkpoint does not verify with " + (pinnedKey != null ? "the pinned key" : "the bundle's key") + ": " + e.getMessage()));
        }
        Base64.Decoder b64 = Base64.getDecoder();
        int entries = 0, parts = 0;
        for (JsonNode e : b.path("entries")) {
            entries++;
            long index = e.path("index").asLong(-1);
            try {
                byte[] leaf = b64.decode(e.path("leaf").asText());
                List<byte[]> proof = new ArrayList<>();
                e.path("proof").forEach(h -> proof.add(b64.decode(h.asText())));
                ProofVerifier.verifyInclusion(Hashes.leafHash(leaf), index, cp.size(), proof, cp.rootHash());
                if (e.hasNonNull("personal")) {
                    byte[] canonical = e.get("personal").asText().getBytes(StandardCharsets.UTF_8);
                    byte[] salt = b64.decode(e.path("salt").asText());
                    byte[] commitment = switch (EntryKind.of(leaf)) {
                        case INTERACTION -> InteractionEntry.parse(leaf).commitment();
                        case EVENT -> EventEntry.parse(leaf).commitment();
                        default -> null;
                    };
                    if (commitment == null || !Arrays.equals(commitment, PersonalPart.commitment(salt, canonical)))
                        problems.add("entry " + index + ": the personal part does not match the entry's commitment");
                    else parts++;
                }
            } catch (RuntimeException ex) {
                problems.add("entry " + index + ": " + ex.getMessage());
            }
        }
        return new Report(b.path("customerId").asText(), cp.size(), entries, parts, pinnedKey != null, List.copyOf(problems));
    }
}
