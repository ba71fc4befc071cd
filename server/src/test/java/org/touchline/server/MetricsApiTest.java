package org.touchline.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.node.AccessTokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /metrics}: Prometheus text through Micrometer, read with a metrics token, never naming a customer. */
class MetricsApiTest {
    @TempDir Path dir;

    private static HttpResponse<String> scrape(ServerFixture f, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + "/metrics")).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return f.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static PrometheusText metrics(ServerFixture f) {
        HttpResponse<String> r = scrape(f, f.adminToken);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return PrometheusText.parse(r.body());
    }

    /** Records of the web and call-centre channels from two sources, some repeated and some refused. */
    private static void ingestMixed(ServerFixture f, long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            String channel = random.nextBoolean() ? "web" : "call_centre";
            lines.add(ServerFixture.record(n % 2 == 0 ? "crm" : "shop", "r" + n, "2026-02-01T10:00:00Z", channel, "email",
                    "person" + random.nextInt(15) + "@example.com"));
        }
        lines.add(lines.get(0));                                                  // a duplicate
        lines.add("{\"source\":\"crm\",\"sourceRecordId\":\"bad\",\"channel\":\"web\"}");   // refused: fields missing
        HttpResponse<String> r = f.post("/v1/interactions:batch", String.join("\n", lines) + "\n", "application/x-ndjson");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void the_text_parses_and_holds_every_family_after_an_ingest() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            ingestMixed(f, 20261206L);
            f.get("/v1/customers?identifier=email:person1@example.com");
            PrometheusText m = metrics(f);
            assertThat(m.value("touchline_ingest_records_total", "outcome", "accepted")).isPositive();
            assertThat(m.has("touchline_ingest_records_total", "outcome", "accepted", "source", "shop", "channel", "web")
                    || m.has("touchline_ingest_records_total", "outcome", "accepted", "source", "shop", "channel", "call_centre")).isTrue();
            assertThat(m.value("touchline_ingest_records_total", "outcome", "duplicate", "source", "crm")).isEqualTo(1.0);
            assertThat(m.value("touchline_ingest_records_total", "outcome", "refused")).isEqualTo(1.0);
            assertThat(m.value("touchline_ledger_append_seconds_count")).isPositive();
            assertThat(m.value("touchline_ledger_group_entries_sum")).isEqualTo((double) f.node.ledger().size());
            assertThat(m.value("touchline_ledger_size")).isEqualTo((double) f.node.ledger().size());
            assertThat(m.value("touchline_ledger_checkpoint_age_seconds")).isBetween(0.0, 60.0);
            assertThat(m.value("touchline_write_queue", "stage", "submissions")).isZero();
            assertThat(m.value("touchline_write_queue", "stage", "groups")).isZero();
            assertThat(m.value("touchline_dead_letters_open")).isEqualTo(1.0);
            assertThat(m.value("touchline_identity_decisions_total")).isPositive();
            assertThat(m.value("touchline_identity_reviews_open")).isEqualTo((double) f.node.projections().reviews("open", 0, 1000).size());
            assertThat(m.has("touchline_integrity_checked_entries")).isTrue();
            assertThat(m.value("touchline_writes_stopped")).isZero();
            assertThat(m.value("touchline_ready")).isEqualTo(1.0);
            assertThat(m.has("touchline_cache_requests_total", "result", "hit")).isTrue();
            assertThat(m.value("touchline_store_file_size_bytes", "file", "touchline.db")).isPositive();
            assertThat(m.value("http_server_requests_seconds_count", "method", "POST", "route", "/v1/interactions:batch", "status", "200"))
                    .isEqualTo(1.0);
            assertThat(m.has("jvm_memory_used_bytes")).isTrue();
            assertThat(m.has("jvm_gc_pause_seconds_count") || m.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
            assertThat(m.has("process_uptime_seconds")).isTrue();
            assertThat(m.has("disk_free_bytes")).isTrue();
        }
    }

    @Test
    void requests_are_counted_by_route_template_and_no_label_names_a_customer() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            ingestMixed(f, 7L);
            String customer = f.node.customers().findByIdentifier(new Identifier("email", "person3@example.com"))
                    .or(() -> f.node.customers().findByIdentifier(new Identifier("email", "person4@example.com"))).orElseThrow();
            assertThat(f.get("/v1/customers/" + customer + "/timeline").statusCode()).isEqualTo(200);
            assertThat(f.get("/v1/customers/nobody-at-all/timeline").statusCode()).isEqualTo(404);
            assertThat(f.get("/v1/no/such/route").statusCode()).isEqualTo(404);
            String text = scrape(f, f.adminToken).body();
            PrometheusText m = PrometheusText.parse(text);
            assertThat(m.value("http_server_requests_seconds_count", "route", "/v1/customers/{id}/timeline", "status", "200")).isEqualTo(1.0);
            assertThat(m.value("http_server_requests_seconds_count", "route", "/v1/customers/{id}/timeline", "status", "404")).isEqualTo(1.0);
            assertThat(m.value("http_server_requests_seconds_count", "route", "unmatched", "status", "404")).isEqualTo(1.0);
            assertThat(text).doesNotContain(customer).doesNotContain("nobody-at-all").doesNotContain("@example.com").doesNotContain("/no/such");
        }
    }

    @Test
    void every_metric_the_example_alert_rules_use_is_exported_and_documented() throws Exception {
        Path rules = Path.of("..", "examples", "operations", "alerts.yml"), docs = Path.of("..", "docs", "operations.md");
        var yaml = new ObjectMapper(new YAMLFactory()).readTree(rules.toFile());
        String documented = Files.readString(docs);
        try (ServerFixture f = new ServerFixture(dir)) {
            ingestMixed(f, 11L);
            PrometheusText m = metrics(f);
            List<String> missing = new ArrayList<>();
            int alerts = 0;
            for (var group : yaml.path("groups"))
                for (var rule : group.path("rules")) {
                    alerts++;
                    assertThat(rule.path("annotations").path("summary").asText()).as(rule.path("alert").asText()).isNotBlank();
                    var names = Pattern.compile("\\b((?:touchline|http|jvm|disk)_[a-z0-9_]+)").matcher(rule.path("expr").asText());
                    while (names.find()) {
                        String family = names.group(1).replaceAll("_(bucket|count|sum)$", "");
                        boolean exported = m.samples().stream().anyMatch(x -> x.name().startsWith(family));
                        // A single node exports no cluster metrics: those must at least be in the operations page's table.
                        if (!(family.startsWith("touchline_cluster_") ? documented.contains("`" + family + "`") : exported)) missing.add(family);
                    }
                }
            assertThat(alerts).isGreaterThan(10);
            assertThat(missing).as("metrics the alert rules use").isEmpty();
        }
    }

    @Test
    void only_a_metrics_or_administrator_token_reads_the_metrics() throws Exception {
        AccessTokens tokens = new AccessTokens(dir);
        String metrics = tokens.grant("metrics", "prometheus", null, null), analyst = tokens.grant("analyst", "ana", null, null);
        try (ServerFixture f = new ServerFixture(dir)) {
            assertThat(scrape(f, null).statusCode()).isEqualTo(401);
            assertThat(scrape(f, analyst).statusCode()).isEqualTo(403);
            assertThat(scrape(f, metrics).statusCode()).isEqualTo(200);
            assertThat(scrape(f, f.adminToken).statusCode()).isEqualTo(200);
            // The scrape token reads nothing about customers.
            HttpResponse<String> r = f.send(HttpRequest.newBuilder(URI.create(f.base + "/v1/customers?identifier=email:a@b.c"))
                    .header("Authorization", "Bearer " + metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(403);
        }
    }
}
