package org.touchline.node;

import org.touchline.domain.Progress;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.identity.IdentifierKeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The projections checked against the ledger: every table is rebuilt from the ledger into a scratch store by the same
 * replay as {@code touchline rebuild} (the ledger is the only source of truth, docs/architecture.md), then compared
 * with the live tables row by row, in the order of each table's key. A row moved, changed, added or removed in the
 * store (a timeline row given to another customer, an identity link, a consent) is named: the table, its position and
 * both versions. The comparison reads each table once on each side, hashing blocks of rows, and reads the rows of only
 * the first block that differs.
 */
public final class ProjectionCheck {
    /** A projection store to rebuild into, discarded after the check. */
    public interface Scratch extends AutoCloseable {
        ProjectionStore projections();

        @Override void close();
    }

    /** What the check found: the ledger size it covered, and the first row that differs (empty when all agree). */
    public record Result(long ledgerSize, Optional<String> firstDifference, long rowsCompared) {
        public boolean ok() { return firstDifference.isEmpty(); }
    }

    private static final int BLOCK = 4096;
    private final LedgerStore ledger;
    private final ProjectionStore live;
    private final Vault vault;
    private final IdentifierKeys identifierKeys;
    private final Resolution resolution;
    private final int block;

    ProjectionCheck(LedgerStore ledger, ProjectionStore live, Vault vault, IdentifierKeys identifierKeys, Resolution resolution) {
        this(ledger, live, vault, identifierKeys, resolution, BLOCK);
    }

    /** A check hashing blocks of {@code block} rows: small blocks put many rows on a block's boundary. */
    ProjectionCheck(LedgerStore ledger, ProjectionStore live, Vault vault, IdentifierKeys identifierKeys, Resolution resolution, int block) {
        this.ledger = ledger;
        this.live = live;
        this.vault = vault;
        this.identifierKeys = identifierKeys;
        this.resolution = resolution;
        this.block = block;
    }

    /**
     * Rebuilds into {@code scratch} and compares. Empty when the ledger grew meanwhile (the two would differ by the new
     * entries, not by damage): the caller tries again later.
     */
    public Optional<Result> run(Scratch scratch, Progress progress) {
        long size = ledger.size();
        // The scratch store is no one else's: nothing is in flight there to wait for.
        Rebuild.over(ledger, scratch.projections(), vault, identifierKeys, resolution, Runnable::run).run(progress);
        if (ledger.size() != size) return Optional.empty();
        long compared = 0;
        ProjectionStore again = scratch.projections();
        for (String table : live.tables()) {
            List<byte[]> a = blocks(live, table), b = blocks(again, table);
            int k = 0;
            while (k < Math.min(a.size(), b.size()) && Arrays.equals(a.get(k), b.get(k))) k++;
            compared += (long) Math.min(a.size(), b.size()) * block;
            if (k == a.size() && k == b.size()) continue;
            String difference = firstRow(table, (long) k * block, live, again);
            if (ledger.size() != size) return Optional.empty();
            return Optional.of(new Result(size, Optional.of(difference), compared));
        }
        return ledger.size() != size ? Optional.empty() : Optional.of(new Result(size, Optional.empty(), compared));
    }

    /** SHA-256 of each block of rows of a table. */
    private List<byte[]> blocks(ProjectionStore store, String table) {
        List<byte[]> out = new ArrayList<>();
        MessageDigest sha = sha256();
        int[] n = {0};
        store.rows(table, 0, -1, row -> {
            sha.update(row.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x1e);
            if (++n[0] == block) {
                out.add(sha.digest());
                n[0] = 0;
            }
        });
        if (n[0] > 0) out.add(sha.digest());
        return out;
    }

    /**
     * The first row, in key order, that one side has and the other lacks, from the first block that differs: a row
     * moved (to another customer) is named as the store has it and as the ledger gives it. A row added or removed
     * shifts the rows after it into the next block, so each side's block is looked up in both blocks of the other.
     */
    private String firstRow(String table, long from, ProjectionStore live, ProjectionStore again) {
        List<String> a = new ArrayList<>(), b = new ArrayList<>();
        live.rows(table, from, 2L * block, a::add);
        again.rows(table, from, 2L * block, b::add);
        Set<String> inA = new HashSet<>(a), inB = new HashSet<>(b);
        String extra = a.stream().limit(block).filter(r -> !inB.contains(r)).findFirst().orElse(null);
        String missing = b.stream().limit(block).filter(r -> !inA.contains(r)).findFirst().orElse(null);
        int at = extra != null ? a.indexOf(extra) : missing != null ? b.indexOf(missing) : 0;
        return "projection " + table + ", row " + (from + at) + " (in key order): the store has "
                + (extra == null ? "a row missing" : "(" + extra + "), which the ledger does not give")
                + "; the ledger gives " + (missing == null ? "no other row" : "(" + missing + "), which the store lacks");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
