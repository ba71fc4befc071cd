package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.node.DeadLetterLimits;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erased person leaves nothing readable behind: not in the refused records, the projections, the analytics snapshot,
 * the access log or any other file of the data directory; and nothing that arrives later brings them back.
 */
class ErasureReachesEveryCopyTest {
    @TempDir Path dir;
    static final String EMAIL = "ann.erasable@example.com", PHONE = "+447700900123", NAME = "Annabel Erasable";

    /** A record of Ann's as a CRM would send it: email, phone and name; {@code channel} "pigeon" makes it refused. */
    static String annRecord(String id, String channel) {
        return "{\"source\":\"crm\",\"sourceRecordId\":\"" + id + "\",\"occurredAt\":\"2026-03-01T09:00:00Z\",\"channel\":\"" + channel
                + "\",\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"" + EMAIL + "\"},{\"type\":\"phone\",\"value\":\""
                + PHONE + "\"},{\"type\":\"name\",\"value\":\"" + NAME + "\"}],\"text\":\"My name is " + NAME + ", call me on 07700 900123\"}";
    }

    static final String BOB_REFUSED = "{\"source\":\"crm\",\"sourceRecordId\":\"b1\",\"occurredAt\":\"2026-03-01T09:00:00Z\",\"channel\":\"pigeon\","
            + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"bob@example.com\"}]}";

    String erase(ServerFixture f) {
        String ann = f.node.customers().findByIdentifier(new Identifier("email", EMAIL)).orElseThrow();
        HttpResponse<String> r = f.postJson("/v1/customers/" + ann + "/erasure", "{\"confirm\":\"" + ann + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ann;
    }

    /** Every file under the data directory that holds {@code needle} (ASCII, any case). */
    static List<String> filesHolding(Path root, String needle) throws Exception {
        byte[] n = needle.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(p);
                outer:
                for (int i = 0; i + n.length <= b.length; i++) {
                    for (int k = 0; k < n.length; k++) {
                        byte c = b[i + k];
                        if (c >= 'A' && c <= 'Z') c = (byte) (c + 32);
                        if (c != n[k]) continue outer;
                    }
                    found.add(root.relativize(p) + " at byte " + i);
                    break;
                }
            }
        }
        return found;
    }

    @Test
    void an_erased_persons_email_phone_and_name_are_in_no_file_of_the_data_directory() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            assertThat(f.postJson("/v1/interactions", annRecord("a1", "email")).statusCode()).isEqualTo(201);
            assertThat(f.postJson("/v1/interactions", annRecord("a2", "web")).statusCode()).isEqualTo(201);
            assertThat(f.postJson("/v1/interactions", annRecord("a3", "pigeon")).statusCode()).as("refused: a dead letter").isEqualTo(422);
            assertThat(f.postJson("/v1/interactions", BOB_REFUSED).statusCode()).isEqualTo(422);
            String ann = f.node.customers().findByIdentifier(new Identifier("email", EMAIL)).orElseThrow();
            f.okJson("/v1/customers/" + ann + "/timeline");          // an access-log line
            f.okJson("/v1/customers/" + ann + "/export");
            f.postJson("/v1/analytics/refresh", "{}");
            assertThat(filesHolding(dir, EMAIL)).as("before the erasure, the test can see it").isNotEmpty();
            erase(f);
            assertThat(f.okJson("/v1/dead-letters").path("items")).extracting(i -> i.path("record").asText())
                    .as("someone else's refused record stays").containsExactly("record");
            assertThat(f.okJson("/v1/dead-letters").toString()).contains("bob@example.com");
        }
        // Closed: SQLite's WAL is checkpointed and truncated; secure_delete has zeroed the deleted rows' bytes.
        for (String value : List.of(EMAIL, PHONE, "7700900123", NAME, "07700 900123"))
            assertThat(filesHolding(dir, value)).as(value).isEmpty();
    }

    @Test
    void resubmitting_an_old_dead_letter_cannot_recreate_an_erased_person() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            assertThat(f.postJson("/v1/interactions", annRecord("a1", "email")).statusCode()).isEqualTo(201);
            assertThat(f.postJson("/v1/interactions", annRecord("a2", "pigeon")).statusCode()).isEqualTo(422);
            long letter = f.okJson("/v1/dead-letters").path("items").get(0).path("id").asLong();
            erase(f);
            long size = f.node.ledger().size();
            ServerFixture.assertError(f.postJson("/v1/dead-letters/" + letter + "/resubmit", annRecord("a2", "email")), 404, "no dead letter");
            assertThat(f.node.ledger().size()).isEqualTo(size);
            assertThat(f.node.customers().findByIdentifier(new Identifier("email", EMAIL))).isEmpty();
        }
    }

    @Test
    void a_record_arriving_later_with_an_erased_identifier_is_refused_and_not_kept() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            assertThat(f.postJson("/v1/interactions", annRecord("a1", "email")).statusCode()).isEqualTo(201);
            erase(f);
            long size = f.node.ledger().size();
            String late = annRecord("a9", "web").replace(",{\"type\":\"name\",\"value\":\"" + NAME + "\"}", "");
            HttpResponse<String> r = f.postJson("/v1/interactions", late);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
            assertThat(r.body()).contains("identifiers[0]").contains("erased");
            assertThat(f.node.ledger().size()).isEqualTo(size);
            assertThat(f.node.customers().findByIdentifier(new Identifier("email", EMAIL))).isEmpty();
            assertThat(f.okJson("/v1/dead-letters").path("count").asLong()).as("nothing of it is kept").isZero();
            // A stranger who shares only Ann's name is not refused: names are not identifying on their own.
            String namesake = "{\"source\":\"crm\",\"sourceRecordId\":\"c1\",\"occurredAt\":\"2026-03-02T09:00:00Z\",\"channel\":\"web\",\"type\":\"enquiry\","
                    + "\"identifiers\":[{\"type\":\"email\",\"value\":\"cy@example.com\"},{\"type\":\"name\",\"value\":\"" + NAME + "\"}]}";
            assertThat(f.postJson("/v1/interactions", namesake).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void a_refused_oversized_record_is_kept_only_as_a_bounded_prefix() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            String huge = annRecord("big", "pigeon").replace("My name is", "x".repeat(4_000_000));
            HttpResponse<String> r = f.postJson("/v1/interactions", huge);
            assertThat(r.statusCode()).as(r.body().substring(0, Math.min(300, r.body().length()))).isEqualTo(422);
            JsonNode letter = f.okJson("/v1/dead-letters").path("items").get(0);
            assertThat(letter.path("raw").asText().length()).isLessThanOrEqualTo(DeadLetterLimits.DEFAULT.prefixChars());
            assertThat(letter.path("problems").toString()).contains("only the first");
            assertThat(Files.size(dir.resolve("touchline.db")) + Files.size(dir.resolve("touchline.db-wal"))).isLessThan(2_000_000);
        }
    }

    @Test
    void past_its_quota_a_source_s_refused_records_are_counted_not_kept() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(DeadLetterLimits.FILE), "openPerSource=3\n");
        try (ServerFixture f = new ServerFixture(dir)) {
            StringBuilder batch = new StringBuilder();
            for (int n = 0; n < 5; n++) batch.append(BOB_REFUSED.replace("\"b1\"", "\"b" + n + "\"")).append('\n');
            HttpResponse<String> r = f.post("/v1/interactions:batch", batch.toString(), "application/x-ndjson");
            assertThat(ServerFixture.json(r).path("rejected").asLong()).as(r.body()).isEqualTo(5);
            JsonNode letters = f.okJson("/v1/dead-letters");
            assertThat(letters.path("count").asLong()).isEqualTo(3);
            assertThat(letters.path("overQuota").path("api").asLong()).isEqualTo(2);
        }
    }
}
