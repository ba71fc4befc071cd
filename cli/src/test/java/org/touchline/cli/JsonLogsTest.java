package org.touchline.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.ingest.MappedRecord;
import org.touchline.ingest.SourceMapping;
import org.touchline.ingest.SourceReader;
import org.touchline.node.AccessTokens;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.spi.HttpFront;
import org.touchline.store.sqlite.SqliteStore;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON logs (TOUCHLINE_LOG_FORMAT=json, as logback.xml configures them): a demo-sized ingest and API calls that
 * carry emails and phone numbers in paths, queries and bodies leave lines that each parse as JSON, request lines with
 * their id, route, status and latency, and not one of the demo's emails or phone numbers.
 */
class JsonLogsTest {
    @TempDir Path dir;
    /** Strict: a line with anything after its object is not a JSON line. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void json_log_lines_carry_request_id_route_status_and_latency_and_no_personal_data() throws Exception {
        PrintStream originalErr = System.err, originalOut = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> emails = new ArrayList<>(), phones = new ArrayList<>();
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            LibraryLogging.use(LibraryLogging.Format.json);
            assertThat(Touchline.commandLine().execute("demo", "-d", dir.toString(), "--customers", "200", "--interactions", "3000",
                    "--no-serve", "--no-train")).isZero();
            collectIdentifiers(dir.resolve("demo-sources"), emails, phones);
            callTheApi(emails, phones);
        } finally {
            LibraryLogging.use(LibraryLogging.Format.text);
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        assertThat(emails).hasSizeGreaterThan(50);
        assertThat(phones).hasSizeGreaterThan(50);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            JsonNode parsed = JSON.readTree(line);
            assertThat(parsed.isObject()).as("a log line that is not one JSON object: %s", line).isTrue();
            lines.add(parsed);
        }
        List<JsonNode> requests = lines.stream().filter(l -> l.path("loggerName").asText().equals("touchline.requests")).toList();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(6);
        for (JsonNode r : requests) {
            assertThat(r.path("mdc").path("requestId").asText()).isNotBlank();
            JsonNode kv = keyValues(r);
            assertThat(kv.path("route").asText()).isNotBlank();
            assertThat(kv.path("status").asInt()).isBetween(200, 599);   // the encoder writes values as JSON strings
            assertThat(Double.parseDouble(kv.path("millis").asText())).isNotNegative();
        }
        assertThat(requests).anySatisfy(r -> assertThat(keyValues(r).path("route").asText()).isEqualTo("/v1/customers/{id}/timeline"));
        assertThat(requests).anySatisfy(r -> assertThat(r.path("mdc").path("requestId").asText()).isEqualTo("test-request-1"));

        String text = log.toString(StandardCharsets.UTF_8);
        for (String email : emails) assertThat(text).as("the log names an email").doesNotContainIgnoringCase(email);
        Set<String> digitRuns = digitRuns(text);
        for (String phone : phones) {
            String digits = phone.replaceAll("[^0-9]", "");
            String tail = digits.substring(Math.max(0, digits.length() - 9));
            assertThat(digitRuns.stream().filter(run -> run.contains(tail)).toList()).as("the log holds phone %s", phone).isEmpty();
        }
    }

    /** logback's JsonEncoder writes key-value pairs as a list of one-pair objects. */
    private static JsonNode keyValues(JsonNode line) {
        var out = JSON.createObjectNode();
        line.path("kvpList").forEach(pair -> pair.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue())));
        return out;
    }

    /** Runs of digits, allowing the separators phone numbers are written with, as digits only. */
    private static Set<String> digitRuns(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\+?[0-9][0-9 ().-]{7,}[0-9]").matcher(text);
        while (m.find()) out.add(m.group().replaceAll("[^0-9]", ""));
        return out;
    }

    /** Every email and phone of the demo's source files ({@code X.yaml} maps {@code X.csv}, {@code X.jsonl}...), as the mappings read them. */
    private static void collectIdentifiers(Path sources, List<String> emails, List<String> phones) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(sources)) {
            files = s.sorted().toList();
        }
        for (Path mappingFile : files) {
            String name = mappingFile.getFileName().toString();
            if (!name.endsWith(".yaml")) continue;
            String base = name.substring(0, name.length() - ".yaml".length());
            SourceMapping mapping = SourceMapping.load(mappingFile);
            for (Path data : files) {
                String d = data.getFileName().toString();
                if (d.equals(name) || !d.startsWith(base + ".")) continue;
                SourceReader.read(mapping, data, r -> {
                    if (r instanceof MappedRecord.Accepted a)
                        for (Identifier i : a.interaction().identifiers()) {
                            if (i.type().equals("email")) emails.add(i.value());
                            if (i.type().equals("phone")) phones.add(i.value());
                        }
                });
            }
        }
    }

    /** A served node on the demo's data directory, asked by email, by phone, for a timeline, with good and bad records. */
    private void callTheApi(List<String> emails, List<String> phones) throws Exception {
        String token = new AccessTokens(dir).grant("administrator", "ops", null, null);
        try (SqliteStore store = new SqliteStore(dir)) {
            Node node = new Node(NodeIdentity.openOrCreate(dir, null), store.ledger(), store.projections(), store.deadLetters());
            try (HttpFront.Api server = HttpFront.find().of(node, null, false).start("127.0.0.1", 0)) {
                String base = "http://127.0.0.1:" + server.port();
                String email = emails.get(0), phone = phones.get(0);
                HttpResponse<String> found = get(base, "/v1/customers?identifier=" + URLEncoder.encode("email:" + email, StandardCharsets.UTF_8), token,
                        "test-request-1");
                assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
                String customer = JSON.readTree(found.body()).path("customerId").asText();
                assertThat(get(base, "/v1/customers/" + customer + "/timeline", token, null).statusCode()).isEqualTo(200);
                assertThat(get(base, "/v1/customers?q=" + URLEncoder.encode(phone, StandardCharsets.UTF_8), token, null).statusCode()).isEqualTo(200);
                assertThat(get(base, "/v1/customers/" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/timeline", token, null).statusCode())
                        .isEqualTo(404);
                String record = "{\"source\":\"web\",\"sourceRecordId\":\"log-1\",\"occurredAt\":\"2026-02-01T10:00:00Z\",\"channel\":\"web\","
                        + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"" + email + "\"},{\"type\":\"phone\",\"value\":\""
                        + phone + "\"}],\"text\":\"call me on " + phone + "\"}";
                assertThat(post(base, "/v1/interactions", record, token).statusCode()).isEqualTo(201);
                String bad = record.replace("\"channel\":\"web\"", "\"channel\":\"carrier pigeon\"").replace("log-1", "log-2");
                assertThat(post(base, "/v1/interactions", bad, token).statusCode()).isEqualTo(422);
                assertThat(get(base, "/v1/customers?identifier=email:" + URLEncoder.encode("x" + email, StandardCharsets.UTF_8), token, null)
                        .statusCode()).isEqualTo(404);
                assertThat(get(base, "/metrics", token, null).statusCode()).isEqualTo(200);
            } finally {
                node.close();
            }
        }
    }

    private HttpResponse<String> get(String base, String path, String token, String requestId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET();
        if (requestId != null) b.header("X-Request-Id", requestId);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String base, String path, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
