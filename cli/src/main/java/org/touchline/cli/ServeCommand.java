package org.touchline.cli;

import org.touchline.cluster.ClusterMember;
import org.touchline.node.LocalAdministrator;
import org.touchline.node.spi.HttpFront;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = {"Serve the API and the web UI on the node's data directory.",
        "Every option can also come from the environment (--topic-prefix: TOUCHLINE_TOPIC_PREFIX) or from "
                + ServeSettings.FILE + " in the data directory (topic-prefix=...): the command line wins, then the environment, then the file."})
final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataDirOption data;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})") String host;
    @Option(names = "--port", defaultValue = "8080", description = "port (default: ${DEFAULT-VALUE})") int port;
    @Option(names = "--no-background-verify", description = "do not verify the whole log while serving (it runs at low priority by default)") boolean noVerify;
    @Option(names = "--cluster", description = "serve as a node of a cluster (made a member by `touchline cluster init`): batches are ordered through Kafka")
    boolean cluster;
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "the cluster's Kafka bootstrap servers (with --cluster)") String kafka;
    @Option(names = "--topic-prefix", defaultValue = "touchline-", description = "the cluster's topics are PREFIXbatches and PREFIXcheckpoints (default: ${DEFAULT-VALUE})")
    String topicPrefix;
    @Option(names = "--insecure-open", description = {"answer API requests without an access token while none is granted (development only:",
            "anyone who can reach the address may read and change everything but the tokens)"}) boolean insecureOpen;
    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "log lines on standard error: text, or json (one JSON object a line, for a log pipeline); default: ${DEFAULT-VALUE}")
    LibraryLogging.Format logFormat;

    /** The settings from the environment and the data directory's file, as picocli asks for them (set by {@link Touchline}). */
    static ServeSettings settings(ServeCommand serve, Map<String, String> environment) {
        return new ServeSettings(() -> serve.data.path(environment), environment);
    }

    @Override
    public Integer call() throws Exception {
        if (spec.defaultValueProvider() instanceof ServeSettings settings) settings.refuseUnknown(spec);
        LibraryLogging.use(logFormat);
        if (cluster) return serveInCluster();
        if (kafka != null) throw new IllegalArgumentException("--kafka needs --cluster");
        if (insecureOpen && cluster) throw new IllegalArgumentException("--insecure-open is not for a cluster node");
        data.refuseOnClusterNode("serve it with --cluster --kafka HOST:PORT");
        try (var open = data.open()) {
            // The start checked the head of the log; every entry is checked while the node serves, and damage stops writes;
            // then the projections are rebuilt into a scratch store and compared, every six hours (a full replay: rare, at low priority).
            if (!noVerify) open.node().integrity().checkingProjections(ScratchProjections::new, Duration.ofHours(6)).start();
            serveUntilStopped(open, host, port, insecureOpen);
        }
        return 0;
    }

    private int serveInCluster() throws Exception {
        if (kafka == null) throw new IllegalArgumentException("--cluster needs --kafka HOST:PORT, the cluster's ordering service");
        try (var member = ClusterMember.open(new ClusterMember.Settings(data.path(), null, null, null, kafka, topicPrefix))) {
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            // Cosignatures catch a log that differs from the peers'; only reading every entry catches a value changed in
            // this node's store under unchanged hashes. Damage stops this node applying the topic (it alarms), not the others.
            if (!noVerify) member.node().integrity().start();
            int bound = member.serve(host, port).port();
            System.out.printf("Touchline cluster node %s is serving http://%s:%d/  (ordering topic %sbatches at %s, %,d entries; Ctrl-C stops)%n",
                    member.cluster().cosigner().name(), host, bound, topicPrefix, kafka, member.node().ledger().size());
            stop.await();
        }
        return 0;
    }

    /**
     * Serves until Ctrl-C. Closed unless {@code insecureOpen}; a closed node nobody can use yet says once, at start, how
     * the first administrator token is made (beside the running node: it re-reads the tokens file at each request).
     */
    static void serveUntilStopped(DataDirOption.OpenNode open, String host, int port, boolean insecureOpen) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        HttpFront front = HttpFront.find();
        try (HttpFront.Api server = front.of(open.node(), null, insecureOpen, open.store().destinations(), open.store().audiences()).start(host, port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.out.printf("Touchline is serving http://%s:%d/  (API under /v1, %,d entries; Ctrl-C stops)%n",
                    host, server.port(), open.node().ledger().size());
            if (insecureOpen)
                System.out.println("INSECURE, open: until the first access token is granted, anyone who can reach this address "
                        + "may read and change everything but the tokens.");
            else if (server.awaitingFirstToken())
                System.out.printf("Closed: no access token is granted yet, so every request is refused (401). Make the first "
                        + "administrator token on this machine, beside the running node:%n  touchline %s --data-dir %s%n",
                        front.firstTokenCommand().substring("touchline ".length()), open.node().identity().dataDir());
            // An administrator is never locked out: whoever runs the node may sign in from this machine while it serves.
            LocalAdministrator.find(open.node().identity().dataDir()).ifPresent(s ->
                    System.out.printf("Administrator sign-in from this machine, while it serves: %s/#token=%s%n", s.url(), s.credential()));
            stop.await();
        }
    }
}
