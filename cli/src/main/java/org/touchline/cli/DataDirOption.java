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
        Path dir = path();
        NodeIdentity identity = NodeIdentity.openOrCreate(dir, null);
        SqliteStore store = new SqliteStore(dir);
        return new OpenNode(new Node(identity, store.ledger(), store.projections(), store.deadLetters()), store);
    }

    record OpenNode(Node node, SqliteStore store) implements AutoCloseable {
        @Override
        public void close() {
            node.close();
            store.close();
        }
    }
}
