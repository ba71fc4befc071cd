package org.touchline.cluster;

import org.touchline.domain.store.EmbeddedStore;
import org.touchline.domain.store.NodeStore;
import org.touchline.node.LedgerHead;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.spi.HttpFront;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One node of a cluster on its data directory, assembled: the embedded store (SQLite), the node (its keys made on first start
 * with the cluster's origin and identifier secret), its cosigner key, the Kafka topics and the {@link ClusterNode}
 * that applies them; {@link #serve} adds the HTTP API. What {@code touchline serve --cluster} runs.
 */
public final class ClusterMember implements AutoCloseable {
    /** Where the cluster's shared identifier secret is kept (base64, 32 bytes); every node's must be the same. */
    public static final String SECRET_FILE = "cluster.secret";

    /**
     * {@code origin} names the cluster's log (the same on every node); {@code cosigner} names this node. Origin, secret
     * and cosigner may be null for a data directory already made a member ({@code touchline cluster init}).
     */
    public record Settings(Path dataDir, String origin, byte[] identifierSecret, String cosigner, String kafka, String topicPrefix) {}

    private final NodeStore store;
    private final Node node;
    private final KafkaOrdering ordering;
    private final ClusterNode cluster;
    private HttpFront.Api server;

    private ClusterMember(NodeStore store, Node node, KafkaOrdering ordering, ClusterNode cluster) {
        this.store = store;
        this.node = node;
        this.ordering = ordering;
        this.cluster = cluster;
    }

    /** Whether the data directory was made a cluster member ({@code touchline cluster init} left its cosigner key there). */
    public static boolean isMember(Path dataDir) { return Files.exists(dataDir.resolve(Cosigner.KEY_FILE)); }

    public static ClusterMember open(Settings s) throws IOException {
        if (s.identifierSecret() == null && !isMember(s.dataDir()))
            throw new IllegalStateException(s.dataDir() + " is not a cluster member yet: run `touchline cluster init` on it first");
        if (Files.exists(s.dataDir().resolve(ClusterSnapshot.JOINING)))
            throw new IllegalStateException(s.dataDir() + " holds a join from a snapshot that did not finish (" + ClusterSnapshot.JOINING + "): delete "
                    + ClusterSnapshot.STORE + ", " + ClusterNode.OFFSET_FILE + " and " + ClusterSnapshot.JOINING + " there and run `touchline cluster join` again");
        NodeIdentity identity = NodeIdentity.openOrCreate(s.dataDir(), s.origin(), s.identifierSecret());
        if (s.origin() != null && !identity.origin().equals(s.origin()))
            throw new IllegalStateException(s.dataDir() + " holds the log of origin " + identity.origin() + ", not the cluster's " + s.origin());
        Cosigner cosigner = Cosigner.openOrCreate(s.dataDir(), s.cosigner());
        NodeStore store = EmbeddedStore.find().open(s.dataDir());
        Node node = null;
        KafkaOrdering ordering = null;
        try {
            LedgerHead.requireIntact(store.ledger(), identity.verifier());
            node = new Node(identity, store.ledger(), store.projections(), store.deadLetters());
            ordering = new KafkaOrdering(s.kafka(), s.topicPrefix());
            ordering.createTopics();
            ClusterNode cluster = ClusterNode.start(node, ordering, cosigner, ClusterNode.trustedCosigners(s.dataDir()));
            return new ClusterMember(store, node, ordering, cluster);
        } catch (RuntimeException | IOException e) {
            if (ordering != null) ordering.close();
            if (node != null) node.close();
            store.close();
            throw e;
        }
    }

    /** Serves the API: batches through the topic, checkpoints with cosignatures, reads local. */
    public synchronized HttpFront.Api serve(String host, int port) {
        if (server == null) server = HttpFront.find().of(node, cluster, false).start(host, port);
        return server;
    }

    public Node node() { return node; }

    public ClusterNode cluster() { return cluster; }

    public NodeStore store() { return store; }

    /** A new random identifier secret for a new cluster, as the text of {@value #SECRET_FILE}. */
    public static String newSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b) + "\n";
    }

    /** Reads a cluster secret file. */
    public static byte[] readSecret(Path file) throws IOException {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the cluster secret is not base64");
        }
        if (b.length != 32) throw new IllegalArgumentException(file + ": the cluster secret must be 32 bytes, not " + b.length);
        return b;
    }

    @Override
    public synchronized void close() {
        if (server != null) server.close();
        cluster.close();
        node.close();
        ordering.close();
        store.close();
    }
}
