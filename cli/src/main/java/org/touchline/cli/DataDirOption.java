package org.touchline.cli;

import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.store.sqlite.SqliteStore;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** {@code --data-dir}: where a node keeps its store and keys. Defaults to $TOUCHLINE_DATA or ./touchline-data. */
final class DataDirOption {
    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR", description = "data directory (default: $TOUCHLINE_DATA or ./touchline-data)")
    Path dataDir;

    Path path() {
        if (dataDir != null) return dataDir;
        String env = System.getenv("TOUCHLINE_DATA");
        return Path.of(env != null && !env.isBlank() ? env : "touchline-data");
    }

    /** A node on the embedded SQLite store: made on first use, keys included. */
    OpenNode open() throws IOException {
        return open(Node::new, true);
    }

    /** A node on a log whose head may be damaged: only for {@code verify}, which reads every entry and names the damage. */
    OpenNode openUnchecked() throws IOException {
        return open(Node::new, false);
    }

    /** A node under the rules file even if the history was resolved under others: for {@code identity resolve --all}. */
    OpenNode openForResolveAll() throws IOException {
        return open(Node::forResolveAll, true);
    }

    private interface NodeFactory {
        Node make(NodeIdentity identity, org.touchline.domain.store.LedgerStore ledger,
                  org.touchline.domain.store.ProjectionStore projections, org.touchline.domain.store.DeadLetterStore deadLetters);
    }

    private OpenNode open(NodeFactory factory, boolean checkHead) throws IOException {
        Path dir = path();
        NodeIdentity identity = NodeIdentity.openOrCreate(dir, null);
        SqliteStore store = new SqliteStore(dir);
        try {
            if (checkHead) org.touchline.node.LedgerHead.requireIntact(store.ledger(), identity.verifier());
            return new OpenNode(factory.make(identity, store.ledger(), store.projections(), store.deadLetters()), store);
        } catch (RuntimeException e) {
            store.close(); // a node that cannot start (e.g. changed rules) must not keep the store locked
            throw e;
        }
    }

    record OpenNode(Node node, SqliteStore store) implements AutoCloseable {
        @Override
        public void close() {
            node.close();
            store.close();
        }
    }
}
