package org.touchline.cli;

import org.touchline.cluster.ClusterMember;
import org.touchline.cluster.ClusterNode;
import org.touchline.cluster.ClusterSnapshot;
import org.touchline.cluster.Cosigner;
import org.touchline.cluster.CosignatureVerifier;
import org.touchline.cluster.LocalBroker;
import org.touchline.node.NodeIdentity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code touchline cluster ...}: channel nodes in a cluster over Kafka with cosigned checkpoints (docs/cluster.md). */
@Command(name = "cluster", description = {"A cluster of channel nodes over Kafka: secret, init, trust, snapshot, join, broker, bench.",
        "Then `touchline serve --cluster --kafka HOST:PORT` on each node."},
        subcommands = {ClusterCommand.Secret.class, ClusterCommand.Init.class, ClusterCommand.Trust.class, ClusterCommand.Snapshot.class,
                ClusterCommand.Join.class, ClusterCommand.Broker.class})
final class ClusterCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "secret", description = "A new cluster's identifier secret, to FILE: every node of the cluster is made with the same one.")
    static final class Secret implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the secret (keep it secret; every node of the cluster gets it)") Path out;

        @Override
        public Integer call() throws Exception {
            Files.writeString(out, ClusterMember.newSecret(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            System.out.println("wrote " + out + ": copy it to every node's operator, and keep it as secret as the data");
            return 0;
        }
    }

    @Command(name = "init", description = "Make a new data directory a member of a cluster: its log keys under the cluster's origin, the"
            + " cluster's identifier secret, and its cosigner key, whose verifier key is printed (give it to every node: `cluster trust`).")
    static final class Init implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--origin", required = true, description = "the cluster log's origin line, the same on every node") String origin;
        @Option(names = "--secret", required = true, paramLabel = "FILE", description = "the cluster secret (`cluster secret`)") Path secret;
        @Option(names = "--name", required = true, description = "this node's cosigner name, e.g. node-1.stores.example") String name;

        @Override
        public Integer call() throws Exception {
            NodeIdentity identity = NodeIdentity.openOrCreate(data.path(), origin, ClusterMember.readSecret(secret));
            if (!identity.origin().equals(origin))
                throw new IllegalStateException(data.path() + " already holds the log of origin " + identity.origin());
            Cosigner c = Cosigner.openOrCreate(data.path(), name);
            Path peers = data.path().resolve(ClusterNode.PEERS_FILE);
            if (!Files.exists(peers)) Files.writeString(peers, c.verifierKey() + "\n", StandardCharsets.UTF_8);
            System.out.println(c.verifierKey());
            return 0;
        }
    }

    @Command(name = "trust", description = "Trust a peer's cosigner key (printed by its `cluster init`) on this node.")
    static final class Trust implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "VKEY", description = "the peer's cosigner verifier key, as its cluster init printed it") String vkey;

        @Override
        public Integer call() throws Exception {
            CosignatureVerifier v = CosignatureVerifier.parse(vkey);   // refuses a malformed key before it is written
            Files.writeString(data.path().resolve(ClusterNode.PEERS_FILE), v.verifierKey() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("trusting cosigner " + v.name());
            return 0;
        }
    }

    @Command(name = "snapshot", description = {
            "Write a snapshot of this cluster node, serving or stopped, for a new or recovered node to join from: its store and",
            "its topic position (one consistent copy), and its node.secrets sealed under a passphrase (the joining node needs",
            "this node's master key to open the personal parts). Copy the file to the new node and run `cluster join` there."})
    static final class Snapshot implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "a new file to hold the snapshot") Path out;
        @Option(names = "--passphrase-file", required = true, paramLabel = "FILE", description = "seal node.secrets under the passphrase on this file's first line")
        Path passphraseFile;

        @Override
        public Integer call() throws Exception {
            data.requireSqlite("cluster snapshot");
            long started = System.nanoTime();
            Path sealed = Files.createTempFile("touchline-keys", ".sealed");
            try {
                Files.delete(sealed);
                KeyArchive.seal(Map.of(ClusterSnapshot.SECRETS, Files.readAllBytes(data.path().resolve(ClusterSnapshot.SECRETS))),
                        KeyArchive.passphrase(passphraseFile), sealed);
                ClusterSnapshot.Taken t = ClusterSnapshot.take(data.path(), out, Map.of(KeyArchive.FILE, Files.readAllBytes(sealed)));
                System.out.printf(Locale.ROOT, "Wrote %s in %.1f s: %,d entries, continuing from topic offset %,d; node.secrets sealed under the passphrase.%n",
                        out, (System.nanoTime() - started) / 1e9, t.size(), t.offset());
            } finally {
                Files.deleteIfExists(sealed);
            }
            return 0;
        }
    }

    @Command(name = "join", description = {
            "Install a peer's snapshot (`cluster snapshot`) into a data directory `cluster init` and `cluster trust` prepared, after",
            "checking it: every entry, hash, checkpoint and personal part must verify (the projections are then rebuilt), and the",
            "node catches up from the topic until a quorum of the trusted peers (default: a majority) cosigned, on the checkpoints",
            "topic, a checkpoint at or after the snapshot's size that its log matches. The node keeps its own keys: the data keys",
            "are re-wrapped under its master key. Then `serve --cluster` reads on from where the join left off."})
    static final class Join implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--snapshot", required = true, paramLabel = "FILE", description = "the snapshot file") Path snapshot;
        @Option(names = "--passphrase-file", required = true, paramLabel = "FILE", description = "the passphrase the snapshot's keys were sealed under")
        Path passphraseFile;
        @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "the cluster's Kafka (its checkpoints topic holds the cosignatures)")
        String kafka;
        @Option(names = "--topic-prefix", defaultValue = "touchline-", description = "the cluster's topic prefix (default: ${DEFAULT-VALUE})") String topicPrefix;
        @Option(names = "--quorum", paramLabel = "N", description = "trusted peer cosignatures the snapshot's head needs (default: a majority of the trusted peers)")
        Integer quorum;
        @Option(names = "--within", defaultValue = "120", paramLabel = "SECONDS",
                description = "how long to wait for the peers' cosigned checkpoints to vouch for the snapshot (default: ${DEFAULT-VALUE})")
        long withinSeconds;

        @Override
        public Integer call() throws Exception {
            data.requireSqlite("cluster join");
            long started = System.nanoTime();
            byte[] archive = ClusterSnapshot.entry(snapshot, KeyArchive.FILE)
                    .orElseThrow(() -> new IllegalArgumentException(snapshot + " holds no sealed keys (" + KeyArchive.FILE + "): take it with `cluster snapshot`"));
            Path sealed = Files.createTempFile("touchline-keys", ".sealed");
            byte[] secrets;
            try {
                Files.write(sealed, archive);
                secrets = KeyArchive.open(sealed, KeyArchive.passphrase(passphraseFile)).get(ClusterSnapshot.SECRETS);
            } finally {
                Files.deleteIfExists(sealed);
            }
            if (secrets == null) throw new IllegalArgumentException(snapshot + ": its sealed keys lack " + ClusterSnapshot.SECRETS);
            if (withinSeconds < 1) throw new IllegalArgumentException("--within must be at least 1 second, not " + withinSeconds);
            ClusterSnapshot.Joined j = ClusterSnapshot.join(data.path(), snapshot, secrets, kafka, topicPrefix, quorum, Duration.ofSeconds(withinSeconds),
                    new ConsoleProgress(System.out));
            System.out.printf(Locale.ROOT, "Joined %s from %s in %.1f s: %,d entries verified, caught up to size %,d; the root at size %,d cosigned by %s;"
                            + " data keys re-wrapped under this node's master key; `serve --cluster` reads on from topic offset %,d.%n",
                    data.path(), snapshot, (System.nanoTime() - started) / 1e9, j.snapshotSize(), j.size(), j.cosignedSize(), String.join(", ", j.cosignedBy()), j.offset());
            return 0;
        }
    }

    @Command(name = "broker", description = "Run a single Kafka broker (KRaft) on 127.0.0.1, to try a cluster on one machine.")
    static final class Broker implements Callable<Integer> {
        @Option(names = "--dir", defaultValue = "touchline-kafka", description = "its data (default: ${DEFAULT-VALUE})") Path dir;
        @Option(names = "--port", defaultValue = "9092", description = "port; the controller takes the next one (default: ${DEFAULT-VALUE})") int port;

        @Override
        public Integer call() throws Exception {
            CountDownLatch stop = new CountDownLatch(1);
            try (LocalBroker broker = LocalBroker.start(dir, port)) {
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                System.out.println("Kafka broker at " + broker.bootstrap() + " (data in " + dir + "; Ctrl-C stops)");
                stop.await();
            }
            return 0;
        }
    }
}
