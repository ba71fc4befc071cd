package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.node.command.Write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;

/** Every reader records in the node's access log; the customer reads their own lines; an erasure takes them away. */
class AccessLogTest {
    @TempDir Path dir;

    private static String customer(NodeFixture f, String id, String address) {
        f.append(interaction("crm", id, "2026-01-01T00:00:00Z", "email", email(address)));
        return f.node.customers().findByIdentifier(email(address)).orElseThrow();
    }

    @Test
    void aReadIsRecordedWithWhoReadForWhichPurposeAndTheNewestComesFirst() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = customer(f, "1", "ann@example.com");
            AccessLog log = f.node.accessLog();
            log.record(ann, "service", "/v1/customers/{id}/timeline", "agent:agent-7", "192.0.2.1");
            log.commandLineRead(ann, "transparency", "touchline export");
            var lines = log.of(ann);
            assertThat(lines).extracting(l -> l.path("route").asText()).containsExactly("touchline export", "/v1/customers/{id}/timeline");
            assertThat(lines.get(0).path("who").asText()).startsWith("command line:");
            assertThat(lines.get(0).path("from").asText()).isEqualTo("local");
            assertThat(lines.get(1).path("purpose").asText()).isEqualTo("service");
            assertThat(lines.get(1).path("who").asText()).isEqualTo("agent:agent-7");
        }
    }

    @Test
    void aCustomersLinesAreTheirsAlone() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = customer(f, "1", "ann@example.com"), bob = customer(f, "2", "bob@example.com");
            f.node.accessLog().record(ann, "service", "touchline customer", "agent:agent-7", "local");
            assertThat(f.node.accessLog().of(bob)).isEmpty();
            assertThatThrownBy(() -> f.node.accessLog().of("cu_nobody")).hasMessageContaining("no customer cu_nobody");
        }
    }

    @Test
    void anErasureTakesTheCustomersReadsAwayAndLeavesOthers() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = customer(f, "1", "ann@example.com"), bob = customer(f, "2", "bob@example.com");
            f.node.accessLog().commandLineRead(ann, "service", "touchline customer");
            f.node.accessLog().commandLineRead(bob, "service", "touchline customer");
            assertThat(logFiles()).isEqualTo(2);
            f.node.customerEvents().erase(ann, "dpo");
            assertThat(logFiles()).isEqualTo(1);
            assertThat(f.node.accessLog().of(bob)).hasSize(1);
        }
    }

    @Test
    void anErasureThroughANamedWriteTakesTheReadsAwayToo() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = customer(f, "1", "ann@example.com");
            f.node.accessLog().commandLineRead(ann, "service", "touchline customer");
            Write.of(Write.ERASURE, "customer", ann, "actor", "dpo").apply(f.node.commands(Clock.systemUTC()), null);
            assertThat(logFiles()).isZero();
        }
    }

    @Test
    void onlyCheckingAnErasureKeepsTheReads() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = customer(f, "1", "ann@example.com");
            f.node.accessLog().commandLineRead(ann, "service", "touchline customer");
            Write.of(Write.ERASURE, "customer", ann, "actor", "dpo").check(f.node.checks());
            assertThat(f.node.accessLog().of(ann)).hasSize(1);
        }
    }

    private long logFiles() throws Exception {
        Path logs = dir.resolve("access-log");
        if (!Files.exists(logs)) return 0;
        try (Stream<Path> s = Files.walk(logs)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
