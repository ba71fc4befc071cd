package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.node.AccessTokens;
import org.touchline.node.spi.HttpFront;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code touchline bench events}: the same events posted over HTTP to a served node in each inbound form, each into a
 * new node of its own, in one run: Interaction v1 NDJSON batches (the baseline), Segment batches, CloudEvents batches,
 * and signed webhooks (one event a request, as platforms send them). Every event carries the same customer id,
 * anonymous id, email, product and price, so each form appends equivalent records; the ratio is each form's rate
 * against the NDJSON rate of the same run (docs/benchmarks.md, "Standard events in"). Webhooks are also set against
 * Interaction v1 records posted one a request ({@code POST /v1/interactions}) from as many clients: the same
 * request-per-event shape without the signature and the mapping.
 */
@Command(name = "events", description = "Inbound throughput of Segment batches, CloudEvents batches and signed webhooks over HTTP, "
        + "against NDJSON batches in the same run.")
final class EventsBenchCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "100000", description = "events posted in each form (default: ${DEFAULT-VALUE})") int events;
    @Option(names = "--customers", defaultValue = "20000", description = "customers they come from (default: ${DEFAULT-VALUE})") int customers;
    @Option(names = "--batch", defaultValue = "500", description = "events a batch request (default: ${DEFAULT-VALUE})") int batch;
    @Option(names = "--clients", defaultValue = "4", description = "concurrent clients posting batches (default: ${DEFAULT-VALUE})") int clients;
    @Option(names = "--webhook-clients", defaultValue = "32", description = "concurrent clients posting webhooks (default: ${DEFAULT-VALUE})") int webhookClients;
    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--work-dir", defaultValue = "target/bench-events", description = "scratch directory, emptied first (default: ${DEFAULT-VALUE})") Path work;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "bench-webhook-secret";
    private static final String[] EVENTS = {"Product Viewed", "Product Added", "Order Completed", "Signed Up", "Support Requested"};
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private static final int WARM_UP = 10_000;

    enum Form {
        NDJSON, SEGMENT, CLOUDEVENTS, SINGLE, WEBHOOK;

        /** One event a request, as platforms send webhooks. */
        boolean oneAnEvent() { return this == SINGLE || this == WEBHOOK; }
    }

    /**
     * One form's figures: {@code ratio} is against the NDJSON batches of the same run, {@code toSingle} (webhooks
     * only, else NaN) against NDJSON records posted one a request.
     */
    record Rate(Form form, long accepted, double seconds, double perSecond, double ratio, double toSingle) {}

    @Override
    public Integer call() throws Exception {
        if (events < 1 || customers < 1 || batch < 1 || clients < 1 || webhookClients < 1)
            throw new IllegalArgumentException("--events, --customers, --batch, --clients and --webhook-clients must be positive");
        run(System.out);
        return 0;
    }

    List<Rate> run(PrintStream out) throws Exception {
        BenchCommand.deleteTree(work);
        Files.createDirectories(work);
        List<ObjectNode> generated = generate();
        out.printf(Locale.ROOT, "%,d events over %,d customers in each form; batches of %d from %d clients, webhooks from %d clients (%d cores, max heap %,d MiB)%n",
                events, customers, batch, clients, webhookClients, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        // A first pass the figures leave out, so the JIT has compiled the shared path before the baseline is timed.
        measure(Form.NDJSON, generated.subList(0, Math.min(generated.size(), WARM_UP)), work.resolve("warm-up"));
        List<Rate> rates = new ArrayList<>();
        double baseline = 0, single = 0;
        for (Form form : Form.values()) {
            Rate r = measure(form, generated, work.resolve(name(form)));
            if (form == Form.NDJSON) baseline = r.perSecond();
            if (form == Form.SINGLE) single = r.perSecond();
            r = new Rate(form, r.accepted(), r.seconds(), r.perSecond(), r.perSecond() / baseline,
                    form == Form.WEBHOOK ? r.perSecond() / single : Double.NaN);
            rates.add(r);
            out.printf(Locale.ROOT, "%-12s %,9d accepted in %6.1f s = %,8.0f events/s, %.2f of NDJSON%s%n", name(form),
                    r.accepted(), r.seconds(), r.perSecond(), r.ratio(),
                    Double.isNaN(r.toSingle()) ? "" : String.format(Locale.ROOT, ", %.2f of NDJSON one a request", r.toSingle()));
        }
        out.println();
        out.println("| form | requests | events/s | against NDJSON batches | against NDJSON one a request |");
        out.println("|---|---|---|---|---|");
        for (Rate r : rates)
            out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %s |%n", name(r.form()),
                    r.form().oneAnEvent() ? "one event each, " + webhookClients + " clients" : batch + " events each, " + clients + " clients", r.perSecond(), r.ratio(),
                    Double.isNaN(r.toSingle()) ? "" : String.format(Locale.ROOT, "%.2f", r.toSingle()));
        return rates;
    }

    private static String name(Form form) {
        return form == Form.SINGLE ? "ndjson-one" : form.name().toLowerCase(Locale.ROOT);
    }

    /** The same events for every form: a customer id, an anonymous id, an email, a product and a price. */
    private List<ObjectNode> generate() {
        Random rnd = new Random(seed);
        List<ObjectNode> out = new ArrayList<>(events);
        for (int k = 0; k < events; k++) {
            int c = rnd.nextInt(customers);
            out.add(JSON.createObjectNode().put("id", "e-" + k).put("at", START.plusSeconds(k).toString()).put("userId", "U" + c)
                    .put("anonymousId", "anon-" + c).put("email", "c" + c + "@example.com").put("event", EVENTS[rnd.nextInt(EVENTS.length)])
                    .put("product", "SKU-" + rnd.nextInt(200)).put("price", 5 + rnd.nextInt(500) / 4.0));
        }
        return out;
    }

    private Rate measure(Form form, List<ObjectNode> generated, Path dir) throws Exception {
        Files.createDirectories(dir);
        writeSources(dir);
        String token = new AccessTokens(dir).grant("node", "bench", null, null);
        List<HttpRequest.Builder> requests = requests(form, generated);
        DataDirOption data = new DataDirOption();
        data.dataDir = dir;
        try (var open = data.open(); HttpFront.Api api = HttpFront.find().of(open.node(), null, false).start("127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + api.port();
            int threads = form.oneAnEvent() ? webhookClients : clients;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            AtomicInteger next = new AtomicInteger();
            long t0 = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++)
                done.add(pool.submit(() -> {
                    long accepted = 0;
                    for (int k; (k = next.getAndIncrement()) < requests.size(); ) accepted += accepted(form, http.send(finish(requests.get(k), base, form, token),
                            HttpResponse.BodyHandlers.ofString()));
                    return accepted;
                }));
            long accepted = 0;
            for (Future<Long> f : done) accepted += f.get();
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdownNow();
            if (accepted != generated.size()) throw new IllegalStateException(form + ": " + accepted + " of " + generated.size() + " events accepted");
            return new Rate(form, accepted, seconds, accepted / seconds, Double.NaN, Double.NaN);
        }
    }

    private static HttpRequest finish(HttpRequest.Builder b, String base, Form form, String token) {
        HttpRequest.Builder copy = b.copy();
        URI u = copy.build().uri();
        copy.uri(URI.create(base + u.getPath()));
        if (form != Form.WEBHOOK) copy.header("Authorization", "Bearer " + token);
        return copy.build();
    }

    private static long accepted(Form form, HttpResponse<String> r) throws IOException {
        if (r.statusCode() / 100 != 2) throw new IllegalStateException(form + ": HTTP " + r.statusCode() + ": " + r.body());
        JsonNode n = JSON.readTree(r.body());
        if (n.has("accepted")) return n.get("accepted").asLong();
        return n.path("status").asText().equals("accepted") ? 1 : 0;
    }

    /** Every request of a form, built before the clock starts (the path only: the node's port is not known yet). */
    private List<HttpRequest.Builder> requests(Form form, List<ObjectNode> generated) throws Exception {
        List<HttpRequest.Builder> out = new ArrayList<>();
        if (form == Form.WEBHOOK) {
            for (ObjectNode e : generated) {
                byte[] body = JSON.writeValueAsBytes(e);
                out.add(HttpRequest.newBuilder(URI.create("http://node/v1/webhooks/bench")).header("Content-Type", "application/json")
                        .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(hmac(body))).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            }
            return out;
        }
        if (form == Form.SINGLE) {
            for (ObjectNode e : generated) out.add(post("/v1/interactions", "application/json", ndjson(List.of(e)).strip()));
            return out;
        }
        for (int from = 0; from < generated.size(); from += batch) {
            List<ObjectNode> part = generated.subList(from, Math.min(generated.size(), from + batch));
            out.add(switch (form) {
                case NDJSON -> post("/v1/interactions:batch", "application/x-ndjson", ndjson(part));
                case SEGMENT -> post("/v1/segment/v1/batch", "application/json", segment(part));
                case CLOUDEVENTS -> post("/v1/cloudevents", "application/cloudevents-batch+json", cloudEvents(part));
                case SINGLE, WEBHOOK -> throw new IllegalStateException();
            });
        }
        return out;
    }

    private static HttpRequest.Builder post(String path, String type, String body) {
        return HttpRequest.newBuilder(URI.create("http://node" + path)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String ndjson(List<ObjectNode> part) {
        StringBuilder b = new StringBuilder();
        for (ObjectNode e : part) {
            ObjectNode i = JSON.createObjectNode().put("source", "bench").put("sourceRecordId", e.get("id").asText()).put("occurredAt", e.get("at").asText())
                    .put("channel", "web").put("type", snake(e.get("event").asText()));
            ArrayNode ids = i.putArray("identifiers");
            ids.addObject().put("type", "customer_id").put("value", e.get("userId").asText());
            ids.addObject().put("type", "cookie").put("value", e.get("anonymousId").asText());
            ids.addObject().put("type", "email").put("value", e.get("email").asText());
            i.putArray("products").add(e.get("product").asText());
            i.putObject("attributes").put("properties/price", e.get("price").asText());
            b.append(i).append('\n');
        }
        return b.toString();
    }

    private static String segment(List<ObjectNode> part) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode messages = body.putArray("batch");
        for (ObjectNode e : part) {
            ObjectNode m = messages.addObject().put("type", "track").put("messageId", e.get("id").asText()).put("userId", e.get("userId").asText())
                    .put("anonymousId", e.get("anonymousId").asText()).put("event", e.get("event").asText()).put("timestamp", e.get("at").asText());
            m.putObject("properties").put("product_id", e.get("product").asText()).put("price", e.get("price").asDouble());
            m.putObject("context").put("channel", "browser").putObject("traits").put("email", e.get("email").asText());
        }
        return body.toString();
    }

    private static String cloudEvents(List<ObjectNode> part) {
        ArrayNode batch = JSON.createArrayNode();
        for (ObjectNode e : part)
            batch.addObject().put("specversion", "1.0").put("id", e.get("id").asText()).put("source", "/bench").put("type", "bench.event")
                    .put("time", e.get("at").asText()).put("datacontenttype", "application/json").set("data", e);
        return batch.toString();
    }

    /** The events.yaml and mappings of the bench's sources. */
    private static void writeSources(Path dir) throws IOException {
        String identifiers = """
                identifiers:
                  - { type: customer_id, field: %1$suserId }
                  - { type: cookie, field: %1$sanonymousId }
                  - { type: email, field: %1$semail }
                products: { field: %1$sproduct }
                """;
        Files.writeString(dir.resolve("cloudevent.yaml"), """
                source: bench
                format: jsonl
                recordId: /id
                occurredAt: { field: /time }
                channel: { value: web }
                type: { field: /data/event, map: %s }
                """.formatted(typeMap()) + identifiers.formatted("/data/"));
        Files.writeString(dir.resolve("webhook.yaml"), """
                source: bench
                format: jsonl
                recordId: /id
                occurredAt: { field: /at }
                channel: { value: web }
                type: { field: /event, map: %s }
                """.formatted(typeMap()) + identifiers.formatted("/"));
        Files.writeString(dir.resolve("events.yaml"), """
                segment:
                  bench: { source: bench }
                cloudevents:
                  bench.event: cloudevent.yaml
                webhooks:
                  bench: { mapping: webhook.yaml, secret: %s, signature: hub-sha256 }
                """.formatted(SECRET));
    }

    private static String typeMap() {
        List<String> pairs = new ArrayList<>();
        for (String e : EVENTS) pairs.add("\"" + e + "\": " + snake(e));
        return "{ " + String.join(", ", pairs) + " }";
    }

    private static String snake(String event) { return event.toLowerCase(Locale.ROOT).replace(' ', '_'); }

    private static byte[] hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }
}
