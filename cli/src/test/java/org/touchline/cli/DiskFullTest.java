package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.demo.DemoCompany;
import org.touchline.domain.EntryKind;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;
import org.touchline.node.spi.HttpFront;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The disk fills during ingest: a real full file system (a 16 MiB tmpfs mounted for the test, then filled with a
 * ballast file until the kernel answers ENOSPC), not a simulated one, so SQLite meets the same failing write(2) it
 * would on a full production disk. The API answers 507 with the reason and the CLI ingest stops with a message;
 * when the ballast is deleted (space returns) the same records are sent again. Every acknowledged record is then
 * present exactly once at its acknowledged index, none twice, and {@code touchline verify} passes.
 * Mounting needs root: the test skips, saying so, when it is not root or the mount is refused.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DiskFullTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path work;
    Path mount;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "a full disk needs a small tmpfs, and mounting one needs root");
        mount = Files.createDirectories(work.resolve("disk"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor() == 0, "cannot mount a tmpfs here: " + said.strip());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
    }

    /** Writes a ballast file until the file system is full; returns its path (delete it and space returns). */
    private static Path fill(Path disk) throws IOException {
        Path ballast = disk.resolve("ballast");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            for (int chunk = block.length; chunk > 0; chunk /= 2) {
                try {
                    while (true) out.write(block, 0, chunk);
                } catch (IOException full) {
                    // no room for this much: try smaller pieces until not even one byte fits
                }
            }
        }
        return ballast;
    }

    @Test
    void aFullDiskStopsIngestWithAReasonLosesNothingAcknowledgedAndResumesWhenSpaceReturns() throws Exception {
        Path dir = mount.resolve("node");
        List<String> lines = Files.readAllLines(DemoCompany.writeBenchFile(work.resolve("records.ndjson"), 6_000, 3));
        Map<String, Long> acknowledged = new HashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        int batch = 200, next = 0;
        HttpResponse<String> refused = null;
        Path ballast;
        DataDirOption option = new DataDirOption();
        option.dataDir = dir;
        try (var open = option.open(); HttpFront.Api server = HttpFront.find().of(open.node(), null, true).start("127.0.0.1", 0)) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/interactions:batch");
            assertThat(post(http, uri, lines, next, batch, acknowledged).statusCode()).isEqualTo(200);
            next += batch;
            assertThat(acknowledged).hasSize(batch);
            ballast = fill(mount);
            while (next < lines.size()) {
                HttpResponse<String> r = post(http, uri, lines, next, batch, acknowledged);
                if (r.statusCode() != 200) {
                    refused = r;
                    break;
                }
                next += batch;
            }
            assertThat(refused).as("the disk never filled").isNotNull();
            assertThat(refused.statusCode()).isEqualTo(507);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("is full", "nothing of this write was stored");
            // Still full: the node keeps refusing rather than half-storing.
            assertThat(post(http, uri, lines, next, batch, acknowledged).statusCode()).isEqualTo(507);
        }

        // The CLI on the same full disk: a clear message, no stack trace.
        Path rest = Files.write(work.resolve("rest.ndjson"), lines.subList(next, lines.size()));
        CommandRun stopped = CommandRun.of("ingest", "-d", dir.toString(), "--ndjson", rest.toString());
        assertThat(stopped.exit()).isEqualTo(1);
        assertThat(stopped.err()).startsWith("touchline: the disk holding ").contains("is full").doesNotContain("\tat ");

        Files.delete(ballast); // space returns
        CommandRun resumed = CommandRun.of("ingest", "-d", dir.toString(), "--ndjson", rest.toString());
        assertThat(resumed.exit()).as(resumed.err()).isZero();

        Map<String, Long> stored = new HashMap<>();
        long entries;
        long[] interactions = {0};
        try (SqliteStore store = new SqliteStore(dir)) {
            entries = store.ledger().size();
            store.ledger().scanLeaves(0, entries, (i, leaf) -> {
                if (EntryKind.of(leaf) == EntryKind.INTERACTION) interactions[0]++;
            });
            store.database().read(s -> {
                try (ResultSet rs = s.prepare("SELECT source, source_record_id, idx FROM records").executeQuery()) {
                    while (rs.next()) stored.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
                }
                return null;
            });
        }
        acknowledged.forEach((key, index) -> assertThat(stored.get(key)).as("acknowledged record %s", key).isEqualTo(index));
        Set<String> fileKeys = new HashSet<>();
        for (String line : lines) {
            Interaction i = InteractionJson.parse("line", line);
            fileKeys.add(i.source() + "/" + i.sourceRecordId());
        }
        assertThat(fileKeys.stream().filter(k -> !stored.containsKey(k)).count()).as("records of the file missing").isZero();
        assertThat(interactions[0]).as("interaction entries: each record of the file once, none twice").isEqualTo(fileKeys.size());
        assertThat(CommandRun.of("verify", "-d", dir.toString()).out()).contains("OK: the ledger verifies.");
        System.out.printf("disk full after %,d acknowledged records; %,d interactions (%,d entries) after space returned%n",
                acknowledged.size(), interactions[0], entries);
    }

    /** Posts lines [from, from + n) as one NDJSON batch; records the acknowledged ones (key → index) of a 200 answer. */
    private static HttpResponse<String> post(HttpClient http, URI uri, List<String> lines, int from, int n, Map<String, Long> acknowledged) throws Exception {
        List<String> part = lines.subList(from, Math.min(lines.size(), from + n));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", part))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) return r;
        JsonNode results = JSON.readTree(r.body()).path("results");
        for (int k = 0; k < part.size(); k++) {
            JsonNode o = results.get(k);
            Interaction i = InteractionJson.parse("line", part.get(k));
            if (o.path("status").asText().equalsIgnoreCase("accepted")) acknowledged.put(i.source() + "/" + i.sourceRecordId(), o.path("index").asLong());
        }
        return r;
    }
}
