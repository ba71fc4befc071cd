package org.touchline.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.store.Append;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.SealedPart;
import org.touchline.domain.store.StoredBatch;
import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.ledger.Frontier;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.StoredNode;
import org.touchline.store.sqlite.SqliteStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The vault keeps a bounded number of data keys in memory; the store has them all, so none is lost or made twice. */
class VaultKeyCacheTest {
    @TempDir Path dir;
    private SqliteStore store;
    private final Frontier tree = Frontier.empty();
    private static final byte[] MASTER = new byte[32];

    @AfterEach
    void close() { store.close(); }

    /** Appends one part per customer named, sealed under the customer's key, as the appender does. */
    private List<SealedPart> append(Vault vault, boolean newOwners, String... customers) {
        long first = store.ledger().size();
        List<Append.Leaf> leaves = new ArrayList<>();
        List<StoredNode> nodes = new ArrayList<>();
        List<SealedPart> parts = new ArrayList<>();
        List<Append.DataKey> newKeys = new ArrayList<>();
        for (int k = 0; k < customers.length; k++) {
            long index = first + k;
            byte[] leaf = ("{\"entry\":" + index + "}").getBytes(StandardCharsets.UTF_8);
            leaves.add(new Append.Leaf(index, "test", "r" + index, leaf));
            tree.append(Hashes.leafHash(leaf), nodes::add);
            parts.add(vault.seal(vault.sealing(index, customers[k], newOwners, new byte[Vault.SALT_BYTES],
                    ("part of " + customers[k]).getBytes(StandardCharsets.UTF_8), newKeys)));
        }
        store.ledger().append(new Append(first, leaves, nodes, parts, newKeys, new ProjectionChanges(),
                new StoredBatch(first, leaves.size(), "test", "note"), new StoredCheckpoint(tree.size(), "checkpoint " + tree.size())));
        vault.stored(newKeys);
        return parts;
    }

    @Test
    void partsSealedUnderKeysNoLongerCachedStillOpen() {
        store = new SqliteStore(dir);
        Vault vault = new Vault(MASTER, store.ledger(), 2);
        List<SealedPart> parts = append(vault, true, "c1", "c2", "c3", "c4", "c5");
        for (int k = 0; k < parts.size(); k++)
            assertThat(vault.open(parts.get(k))).hasValueSatisfying(o ->
                    assertThat(new String(o.canonical(), StandardCharsets.UTF_8)).startsWith("part of c"));
    }

    @Test
    void aCustomerWhoseKeyWasEvictedGetsTheStoredKeyNotANewOne() {
        store = new SqliteStore(dir);
        Vault vault = new Vault(MASTER, store.ledger(), 2);
        append(vault, true, "c1", "c2", "c3");
        List<Append.DataKey> newKeys = new ArrayList<>();
        vault.sealing(3, "c1", false, new byte[Vault.SALT_BYTES], new byte[]{1}, newKeys);
        assertThat(newKeys).isEmpty();
        SealedPart later = append(vault, false, "c1").get(0);
        assertThat(vault.open(later)).isPresent();
    }

    @Test
    void aKeyNotYetStoredIsNeverEvicted() {
        store = new SqliteStore(dir);
        Vault vault = new Vault(MASTER, store.ledger(), 1);
        List<Append.DataKey> newKeys = new ArrayList<>();
        for (String c : List.of("c1", "c2", "c3", "c1", "c2"))
            vault.sealing(0, c, !newKeys.stream().map(Append.DataKey::keyId).toList().contains(c), new byte[Vault.SALT_BYTES], new byte[]{1}, newKeys);
        // c1 and c2 came back in the same group before it was stored: their keys were reused, not made again
        assertThat(newKeys).extracting(Append.DataKey::keyId).containsExactly("c1", "c2", "c3");
    }
}
