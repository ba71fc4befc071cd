package org.touchline.destinations;

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
 * A real Kafka broker in KRaft mode (broker and controller in one), in this JVM, on loopback. The cluster module's
 * {@code LocalBroker} does the same for its tests and `touchline cluster broker`; this module cannot depend on the
 * cluster module's tests without a cycle (cluster's tests use the server, which uses this module), so it starts its
 * own, with the settings a one-broker test needs.
 */
final class TestKafka implements AutoCloseable {
    private final KafkaRaftServer server;
    final String bootstrap;

    TestKafka(Path dir) throws IOException {
        int broker = freePort(), controller = freePort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controller);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + broker + ",CONTROLLER://127.0.0.1:" + controller);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + broker);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toString());
        for (String one : new String[]{"offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "transaction.state.log.min.isr", "transaction.state.log.num.partitions", "share.coordinator.state.topic.replication.factor",
                "share.coordinator.state.topic.min.isr"})
            p.put(one, "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        Path props = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(props, StandardCharsets.UTF_8)) {
            p.store(out, "destinations test broker");
        }
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        if (StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", props.toString(), "--standalone"},
                new PrintStream(said, true, StandardCharsets.UTF_8)) != 0)
            throw new IOException("formatting the broker's log directory failed: " + said.toString(StandardCharsets.UTF_8).strip());
        this.server = new KafkaRaftServer(new KafkaConfig(p, false), Time.SYSTEM);
        server.startup();
        this.bootstrap = "127.0.0.1:" + broker;
    }

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
