package org.touchline.node;

import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.ConsistencyProof;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.InclusionProof;
import org.touchline.ledger.MerkleTree;
import org.touchline.ledger.TilePath;
import org.touchline.ledger.Tiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The read side of the log for anyone who wants to check it: the signed checkpoint, entries, RFC 9162 proofs and
 * C2SP tlog-tiles resources. Requests beyond the latest checkpoint are refused: a proof is only useful against a
 * tree head the reader can get signed.
 */
public final class LedgerReader {
    private final NodeIdentity identity;
    private final LedgerStore ledger;

    LedgerReader(NodeIdentity identity, LedgerStore ledger) {
        this.identity = identity;
        this.ledger = ledger;
    }

    public String checkpoint() {
        return ledger.latestCheckpoint().map(StoredCheckpoint::note).orElseGet(this::emptyCheckpoint);
    }

    /** The signed size: what proofs and tiles may cover. */
    public long signedSize() { return ledger.latestCheckpoint().map(StoredCheckpoint::size).orElse(0L); }

    private String emptyCheckpoint() {
        var cp = new Checkpoint(identity.origin(), 0, Hashes.emptyRoot(), List.of());
        return identity.signer().sign(cp.body()).encode();
    }

    public byte[] entry(long index) {
        requireIndex(index, signedSize());
        return ledger.leaf(index);
    }

    public InclusionProof inclusion(long index, long treeSize) {
        long signed = signedSize();
        if (treeSize < 1 || treeSize > signed)
            throw new IllegalArgumentException("treeSize must be between 1 and the signed size " + signed + ", got " + treeSize);
        requireIndex(index, treeSize);
        try {
            return MerkleTree.inclusionProof(index, treeSize, ledger.hashes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ConsistencyProof consistency(long from, long to) {
        long signed = signedSize();
        if (to < 1 || to > signed) throw new IllegalArgumentException("to must be between 1 and the signed size " + signed + ", got " + to);
        if (from < 1 || from > to) throw new IllegalArgumentException("from must be between 1 and to (" + to + "), got " + from);
        try {
            return MerkleTree.consistencyProof(from, to, ledger.hashes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A C2SP tlog-tiles resource: a hash tile or an entry bundle, by its path under the log's prefix. */
    public byte[] tile(String path) {
        TilePath p = TilePath.parse(path);
        long signed = signedSize();
        try {
            if (p.entries()) {
                long first = p.index() * 256L;
                long last = first + p.width();
                if (last > signed) throw new NoSuchElementException("tile " + path + " is beyond the signed size " + signed);
                List<byte[]> entries = new ArrayList<>(p.width());
                ledger.scanLeaves(first, last, (i, leaf) -> entries.add(leaf));
                return Tiles.entryBundle(entries);
            }
            // C2SP tlog-tiles clients read "not there yet" as 404, distinct from a malformed path.
            if (p.index() * Tiles.WIDTH + p.width() > signed >>> (Tiles.HEIGHT * p.level()))
                throw new NoSuchElementException("tile " + path + " is beyond the signed size " + signed);
            return Tiles.hashTile(p.level(), p.index(), p.width(), signed, ledger.hashes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireIndex(long index, long size) {
        if (index < 0 || index >= size)
            throw new IllegalArgumentException("index must be between 0 and " + (size - 1) + " (the signed size is " + size + "), got " + index);
    }
}
