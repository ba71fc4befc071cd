package org.touchline.cli;

import org.touchline.cluster.ClusterMember;
import org.touchline.domain.store.DeadLetterStore;
import org.touchline.domain.store.AudienceStore;
import org.touchline.domain.store.DestinationStore;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionStore;
import org.touchline.domain.store.StoreException;
import org.touchline.node.LedgerHead;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.store.postgresql.PostgresqlLocation;
import org.touchline.store.postgresql.PostgresqlReadOnlyStore;
import org.touchline.store.postgresql.PostgresqlStore;
import org.touchline.store.sqlite.DataDirectoryInUse;
import org.touchline.store.sqlite.SqliteReadOnlyStore;
import org.touchline.store.sqlite.SqliteStore;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --data-dir}: where a node keeps its keys and, by default, its store (one SQLite file). {@code --store} puts
 * the store in PostgreSQL instead; the data directory then remembers where ({@value #STORE_FILE}, never the
 * password), so a later command without {@code --store} is refused rather than opening an empty SQLite store beside
 * a ledger that lives elsewhere.
 */
final class DataDirOption {
    static final String STORE_FILE = "store.location";
    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR", description = "data directory (default: $TOUCHLINE_DATA or ./touchline-data)")
    Path dataDir;
    @Option(names = "--store", paramLabel = "URL", description = {
            "keep the ledger, vault and projections in PostgreSQL: postgresql://host:port/database?user=NAME",
            "(password in the URL or in $" + PostgresqlLocation.PASSWORD_ENV + "); default: the SQLite file in the data directory"})
    String store;

    Path path() { return path(System.getenv()); }

    /** The data directory: {@code --data-dir}, else {@code TOUCHLINE_DATA} of {@code environment}, else ./touchline-data. */
    Path path(Map<String, String> environment) {
        if (dataDir != null) return dataDir;
        String env = environment.get("TOUCHLINE_DATA");
        return Path.of(env != null && !env.isBlank() ? env : "touchline-data");
    }

    /**
     * A node on its store (SQLite in the data directory, or PostgreSQL with {@code --store}): made on first use, keys
     * included. On a cluster node's data directory it reads only: its writes are stopped (see {@link #openToAppend}).
     */
    OpenNode open() throws IOException {
        return open(Node::new, true);
    }

    /**
     * A node for a command that only reads: the store as usual, or, while another process (a serving node) holds the
     * data directory, the store opened to read only beside it (SQLite's WAL lets readers run beside the writer;
     * PostgreSQL gives read-only transactions beside the node's writer).
     */
    OpenNode openToRead() throws IOException {
        return openToRead(Node::new, true);
    }

    /** As {@link #openToRead()} on a log whose head may be damaged: only for {@code verify}. */
    OpenNode openToReadUnchecked() throws IOException {
        return openToRead(Node::new, false);
    }

    /** As {@link #openToRead()} under the rules file even if the history was resolved under others: for {@code identity fit}. */
    OpenNode openToReadForResolveAll() throws IOException {
        return openToRead(Node::forResolveAll, true);
    }

    private OpenNode openToRead(NodeFactory factory, boolean checkHead) throws IOException {
        PostgresqlLocation location = postgresql();
        // The node serving a PostgreSQL store holds its writer's lock: read beside it in read-only transactions.
        if (location != null && serving().isPresent()) return readOnly(Store.of(new PostgresqlReadOnlyStore(location)), factory, checkHead);
        try {
            return open(factory, checkHead);
        } catch (DataDirectoryInUse inUse) {
            if (location != null) throw inUse;
            return readOnly(Store.of(new SqliteReadOnlyStore(path())), factory, checkHead);
        }
    }

    /** A node on a store opened to read only beside the process that serves it: every write is refused, saying why. */
    private OpenNode readOnly(Store store, NodeFactory factory, boolean checkHead) throws IOException {
        try {
            NodeIdentity identity = NodeIdentity.openOrCreate(path(), null);
            if (checkHead) LedgerHead.requireIntact(store.ledger(), identity.verifier());
            Node node = factory.make(identity, store.ledger(), store.projections(), store.deadLetters());
            node.stopWrites(path() + " is served by another process, which makes every change: this command reads only");
            return new OpenNode(node, store);
        } catch (RuntimeException | IOException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The node serving this data directory, if one does: a command that writes sends its change there (the node owns
     * the log) rather than opening the store.
     */
    Optional<RunningNode> serving() { return RunningNode.of(path()); }

    /**
     * A node for a command that appends to the log. Refused, before anything is opened, on a cluster node's data
     * directory: its log takes appends from the cluster's ordering topic only, and one made here would fork it from its
     * peers' logs (docs/cluster.md). {@code instead} names what to use there.
     */
    OpenNode openToAppend(String instead) throws IOException {
        refuseOnClusterNode(instead);
        return open();
    }

    /** The refusal of {@link #openToAppend}, for commands that open the node otherwise. */
    void refuseOnClusterNode(String instead) {
        if (ClusterMember.isMember(path()))
            throw new IllegalStateException(path() + " is a cluster node's data directory, whose log takes writes through the ordering topic only: " + instead);
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
        Node make(NodeIdentity identity, LedgerStore ledger,
                  ProjectionStore projections, DeadLetterStore deadLetters);
    }

    private OpenNode open(NodeFactory factory, boolean checkHead) throws IOException {
        try {
            return openOwned(factory, checkHead);
        } catch (DataDirectoryInUse inUse) {
            var node = serving();
            if (node.isEmpty()) throw inUse;
            throw new DataDirectoryInUse(inUse.dataDir(), "the node serving " + inUse.dataDir() + " at " + node.get().url()
                    + " owns it: this command opens a node of its own on the directory, which one process holds at a time; stop the node (Ctrl-C) and run it again");
        }
    }

    private OpenNode openOwned(NodeFactory factory, boolean checkHead) throws IOException {
        Path dir = path();
        PostgresqlLocation location = postgresql();
        NodeIdentity identity = NodeIdentity.openOrCreate(dir, null);
        Store store = location == null ? Store.of(new SqliteStore(dir)) : Store.of(new PostgresqlStore(location));
        try {
            if (location != null) remember(dir, location);
            if (checkHead) LedgerHead.requireIntact(store.ledger(), identity.verifier());
            Node node = factory.make(identity, store.ledger(), store.projections(), store.deadLetters());
            // Any append a command would make here forks the cluster node's log from its peers': none gets through.
            if (ClusterMember.isMember(dir)) node.stopWrites(dir + " is a cluster node's data directory: its log takes writes through the ordering topic only");
            return new OpenNode(node, store);
        } catch (RuntimeException | IOException e) {
            store.close(); // a node that cannot start (e.g. changed rules) must not keep the store locked
            throw e;
        }
    }

    /**
     * The PostgreSQL store this data directory uses, or null for its SQLite file. Refuses a directory whose store
     * lives in PostgreSQL when {@code --store} is missing or names another database, and a directory that already
     * holds a SQLite store when {@code --store} is given.
     */
    PostgresqlLocation postgresql() throws IOException {
        Path dir = path();
        Path remembered = dir.resolve(STORE_FILE);
        String before = Files.exists(remembered) ? Files.readString(remembered, StandardCharsets.UTF_8).strip() : null;
        if (store == null) {
            if (before != null)
                throw new IllegalArgumentException("the data directory " + dir + " keeps its ledger in PostgreSQL (" + before
                        + "): add --store " + before + " (the password in $" + PostgresqlLocation.PASSWORD_ENV + ")");
            return null;
        }
        PostgresqlLocation location = PostgresqlLocation.parse(store);
        if (before != null && !before.equals(location.withoutPassword()))
            throw new IllegalArgumentException("the data directory " + dir + " belongs to the store " + before + ", not " + location.withoutPassword()
                    + ": its keys sign and seal that ledger; use another data directory for another store");
        if (before == null && Files.exists(dir.resolve(SqliteStore.FILE)))
            throw new IllegalArgumentException("the data directory " + dir + " already holds a SQLite store (" + SqliteStore.FILE
                    + "): use a new data directory for a PostgreSQL store");
        return location;
    }

    /** Writes down the store's location once it opened (so a typo in --store leaves nothing behind). */
    private static void remember(Path dir, PostgresqlLocation location) throws IOException {
        Path file = dir.resolve(STORE_FILE);
        if (!Files.exists(file)) Files.writeString(file, location.withoutPassword() + "\n", StandardCharsets.UTF_8);
    }

    /** For commands that work on the SQLite file itself (backup, restore): a clear refusal on a PostgreSQL store. */
    void requireSqlite(String what) throws IOException {
        PostgresqlLocation location = postgresql();
        if (location != null)
            throw new IllegalArgumentException(what + " works on the SQLite store; the store " + location.withoutPassword()
                    + " is PostgreSQL's to back up (pg_dump, or its base backups)");
    }

    /** A store's three parts and how to close it, whichever database holds them. */
    record Store(LedgerStore ledger, ProjectionStore projections, DeadLetterStore deadLetters, DestinationStore destinations, AudienceStore audiences, AutoCloseable closer) {
        static Store of(SqliteStore s) { return new Store(s.ledger(), s.projections(), s.deadLetters(), s.destinations(), s.audiences(), s); }

        static Store of(PostgresqlStore s) { return new Store(s.ledger(), s.projections(), s.deadLetters(), s.destinations(), s.audiences(), s); }

        static Store of(SqliteReadOnlyStore s) { return new Store(s.ledger(), s.projections(), s.deadLetters(), s.destinations(), s.audiences(), s); }

        static Store of(PostgresqlReadOnlyStore s) { return new Store(s.ledger(), s.projections(), s.deadLetters(), s.destinations(), s.audiences(), s); }

        void close() {
            try {
                closer.close();
            } catch (Exception e) {
                throw new StoreException("cannot close the store: " + e.getMessage(), e);
            }
        }
    }

    record OpenNode(Node node, Store store) implements AutoCloseable {
        @Override
        public void close() {
            node.close();
            store.close();
        }
    }
}
