package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.server.ServerFixture.assertError;
import static org.touchline.server.ServerFixture.json;

/** The console's search, {@code GET /v1/customers?q=}: a name finds every customer with it, a page at a time. */
class CustomerSearchTest {
    @TempDir Path dir;

    static String q(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    static void person(ServerFixture f, String id, String email, String name) {
        HttpResponse<String> r = f.postJson("/v1/interactions", "{\"source\":\"crm\",\"sourceRecordId\":\"" + id
                + "\",\"occurredAt\":\"2026-03-01T09:00:00Z\",\"channel\":\"web\",\"type\":\"enquiry\",\"identifiers\":["
                + "{\"type\":\"email\",\"value\":\"" + email + "\"},{\"type\":\"name\",\"value\":\"" + name + "\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aNameFindsEveryCustomerWithItAPageAtATimeWithTheTotal() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            Set<String> anns = new TreeSet<>();
            for (int k = 0; k < 12; k++) {
                person(f, "a" + k, "ann" + k + "@example.com", k % 2 == 0 ? "Ann Lee" : "ANN LEE");
                anns.add(f.okJson("/v1/customers?identifier=" + q("email:ann" + k + "@example.com")).get("customerId").asText());
            }
            person(f, "b", "bob@example.com", "Bob Lee");
            List<String> found = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String next = "/v1/customers?q=" + q("  ann   lee ") + "&limit=5";
            while (next != null) {
                JsonNode page = f.okJson(next);
                assertThat(page.get("total").asLong()).isEqualTo(12);
                sizes.add(page.get("results").size());
                for (JsonNode r : page.get("results")) {
                    found.add(r.get("customerId").asText());
                    assertThat(r.get("interactions").asLong()).isEqualTo(1);
                    assertThat(r.at("/matchedBy/0/type").asText()).isEqualTo("name");
                    assertThat(r.at("/matchedBy/0/strong").asBoolean()).isFalse();
                    assertThat(r.at("/matchedBy/0/why").asText()).isEqualTo("a name this customer has");
                }
                next = page.get("next").isNull() ? null : page.get("next").asText();
            }
            assertThat(sizes).containsExactly(5, 5, 2);
            assertThat(found).doesNotHaveDuplicates().isSorted();
            assertThat(new TreeSet<>(found)).isEqualTo(anns);
        }
    }

    @Test
    void aCustomerFoundByAStrongIdentifierComesFirstAndOnce() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            // A name that is also a valid account number: the account's holder first, the name's holders after it.
            person(f, "1", "x@example.com", "ACC1234");
            HttpResponse<String> r = f.postJson("/v1/interactions", "{\"source\":\"crm\",\"sourceRecordId\":\"2\","
                    + "\"occurredAt\":\"2026-03-01T09:00:00Z\",\"channel\":\"web\",\"type\":\"enquiry\",\"identifiers\":["
                    + "{\"type\":\"email\",\"value\":\"y@example.com\"},{\"type\":\"account\",\"value\":\"ACC1234\"},{\"type\":\"name\",\"value\":\"ACC1234\"}]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            person(f, "3", "z@example.com", "acc1234");
            String holder = f.okJson("/v1/customers?identifier=" + q("account:ACC1234")).get("customerId").asText();
            JsonNode page = f.okJson("/v1/customers?q=ACC1234");
            assertThat(page.get("total").asLong()).isEqualTo(3);
            assertThat(page.get("results")).hasSize(3);
            assertThat(page.at("/results/0/customerId").asText()).isEqualTo(holder);
            List<String> types = new ArrayList<>();
            page.at("/results/0/matchedBy").forEach(m -> types.add(m.get("type").asText()));
            assertThat(types).containsExactly("account", "name");
        }
    }

    @Test
    void aCursorThatIsNoCustomerIdIsRefused() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            assertError(f.get("/v1/customers?q=ann&cursor="), 400, "cursor");
            assertError(f.get("/v1/customers?q=ann&limit=0"), 400, "limit");
        }
    }
}
