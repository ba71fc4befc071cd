package org.touchline.cluster;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One Kafka broker in KRaft mode (combined broker and controller), in this JVM, listening on 127.0.0.1 only: for
 * tests, the benchmark and trying a cluster on one machine ({@code touchline cluster broker}). A production cluster
 * runs Kafka itself; nodes only need its bootstrap address. The log directory is formatted on first start
 * (the storage tool's {@code format --standalone}) and reused after.
 */
public final class LocalBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final int port;

    private LocalBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker whose data lives in {@code dir}; {@code port} 0 picks a free one. The broker is in the tools jar
     * and the tests' class path, not in touchline.jar, which carries only the Kafka client (docs/architecture.md).
     */
    public static LocalBroker start(Path dir, int port) throws IOException {
        if (LocalBroker.class.getClassLoader().getResource("kafka/server/KafkaRaftServer.class") == null)
            throw new IllegalStateException("this touchline.jar has the Kafka client only, not the broker: run `./touchline cluster broker`"
                    + " from a source checkout (tools/target/touchline-tools.jar), or point the nodes at any Kafka with --kafka HOST:PORT");
        Files.createDirectories(dir);
        // A fixed port keeps its controller beside it (port + 1): the formatted quorum remembers the controller's address.
        int brokerPort = port == 0 ? freePort() : port, controllerPort = port == 0 ? freePort() : port + 1;
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");   // not 50: one broker on one machine
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        // A batch may be as large as the API takes (32 MiB); the envelope adds its salts.
        p.put("message.max.bytes", String.valueOf(KafkaOrdering.MAX_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", String.valueOf(KafkaOrdering.MAX_MESSAGE_BYTES));
        Path props = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(props, StandardCharsets.UTF_8)) {
            p.store(out, "touchline local broker");
        }
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", props.toString(), "--standalone"},
                    new PrintStream(said, true, StandardCharsets.UTF_8));
            if (rc != 0) throw new IOException("formatting the broker's log directory failed: " + said.toString(StandardCharsets.UTF_8).strip());
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
        server.startup();
        return new LocalBroker(server, brokerPort);
    }

    public String bootstrap() { return "127.0.0.1:" + port; }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
