package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads through the command line are reads too (the access log, docs/security.md): the customer sees them beside the API's. */
class CommandLineReadsTest {
    @TempDir Path dir;

    @Test
    void reading_a_customer_through_the_command_line_is_in_their_access_log() throws Exception {
        DataDirOption data = new DataDirOption();
        data.dataDir = dir;
        String customer;
        try (var open = data.open()) {
            open.node().ingestion().one("{\"source\":\"crm\",\"sourceRecordId\":\"1\",\"occurredAt\":\"2026-01-01T10:00:00Z\",\"channel\":\"web\","
                    + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"}],\"text\":\"hello\"}", "test");
            customer = open.node().customers().findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow();
        }
        run("customer", "-d", dir.toString(), "-i", "email:ann@example.com");
        run("consent", "-d", dir.toString(), customer);
        try (var open = data.open()) {
            List<JsonNode> reads = open.node().accessLog().of(customer);
            assertThat(reads).extracting(r -> r.path("route").asText()).containsExactly("touchline consent", "touchline customer");
            assertThat(reads).allSatisfy(r -> {
                assertThat(r.path("who").asText()).startsWith("command line:");
                assertThat(r.path("purpose").asText()).isEqualTo("service");
                assertThat(r.path("customer").asText()).isEqualTo(customer);
            });
        }
    }

    private static void run(String... args) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertThat(Touchline.commandLine().execute(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
    }
}
