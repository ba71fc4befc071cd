package org.touchline.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.domain.store.TimelineRow;
import org.touchline.ledger.InclusionProof;
import org.touchline.ledger.MerkleTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * A customer's export bundle (docs/security.md): every entry on their timeline (interactions, identity decisions,
 * consents, ratings) as the leaf bytes the log hashed, each personal part with its salt, and an RFC 9162 inclusion
 * proof of each entry to one signed checkpoint, with the log's verifier key. Checking it needs nothing from Touchline:
 * {@link BundleVerifier}, {@code touchline verify-bundle}, or any RFC 6962 verifier (Go's {@code tlog.CheckRecord}
 * and {@code note.Open} accept it as it is).
 */
public final class ExportBundle {
    public static final String FORMAT = "touchline-export-v1";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final NodeIdentity identity;
    private final LedgerStore ledger;
    private final ProjectionStore projections;
    private final Customers customers;
    private final Vault vault;

    ExportBundle(NodeIdentity identity, LedgerStore ledger, ProjectionStore projections, Customers customers, Vault vault) {
        this.identity = identity;
        this.ledger = ledger;
        this.projections = projections;
        this.customers = customers;
        this.vault = vault;
    }

    public ObjectNode build(String customerId) {
        String c = customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
        StoredCheckpoint signed = ledger.latestCheckpoint().orElseThrow(() -> new IllegalStateException("the log has no signed checkpoint yet"));
        TreeSet<Long> indexes = new TreeSet<>();
        for (TimelineRow r : projections.timeline(c, null, null, Integer.MAX_VALUE)) if (r.index() < signed.size()) indexes.add(r.index());
        ObjectNode out = F.objectNode().put("format", FORMAT).put("customerId", c)
                .put("origin", identity.origin()).put("verifierKey", identity.verifierKey())
                .put("checkpoint", signed.note()).put("treeSize", signed.size());
        ArrayNode entries = out.putArray("entries");
        Base64.Encoder b64 = Base64.getEncoder();
        try {
            for (long index : indexes) {
                ObjectNode e = entries.addObject().put("index", index);
                byte[] leaf = ledger.leaf(index);
                e.put("leaf", b64.encodeToString(leaf));
                InclusionProof proof = MerkleTree.inclusionProof(index, signed.size(), ledger.hashes());
                ArrayNode hashes = e.putArray("proof");
                proof.hashes().forEach(h -> hashes.add(b64.encodeToString(h)));
                ledger.sealedPart(index).flatMap(vault::open).ifPresent(opened -> {
                    e.put("salt", b64.encodeToString(opened.salt()));
                    e.put("personal", new String(opened.canonical(), StandardCharsets.UTF_8));
                });
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read the tree to prove the entries: " + ex.getMessage(), ex);
        }
        return out;
    }
}
