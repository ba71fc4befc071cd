package org.touchline.spark;

import org.touchline.node.LedgerHead;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A node on an existing data directory (the embedded SQLite store), as the touchline command opens one. */
record OpenNode(Node node, SqliteStore store) implements AutoCloseable {
    static OpenNode at(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(SqliteStore.FILE))) throw new IllegalArgumentException("no ledger in " + dir + " (no " + SqliteStore.FILE + ")");
        return create(dir);
    }

    /** A node on {@code dir}, made with its keys if it is new. */
    static OpenNode create(Path dir) throws IOException {
        Files.createDirectories(dir);
        NodeIdentity identity = NodeIdentity.openOrCreate(dir, null);
        SqliteStore store = new SqliteStore(dir);
        try {
            LedgerHead.requireIntact(store.ledger(), identity.verifier());
            return new OpenNode(new Node(identity, store.ledger(), store.projections(), store.deadLetters()), store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public void close() {
        node.close();
        store.close();
    }
}
