package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.touchline.node.AccessTokens;
import org.touchline.node.spi.HttpFront;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code touchline bench events}: the same events posted over HTTP to a served node in each inbound form, each into a
 * new node of its own, in one run: Interaction v1 NDJSON batches (the baseline), Segment batches, CloudEvents batches,
 * and signed webhooks (one event a request, as platforms send them), answered once in the ledger or, for a source
 * acknowledged on intake, once queued (timed until the ledger has them all). Every event carries the same customer id,
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
        NDJSON, SEGMENT, CLOUDEVENTS, SINGLE, WEBHOOK,
        /** Webhooks of a source acknowledged on intake: timed until the ledger has appended every one, not until the last 202. */
        WEBHOOK_INTAKE;

        /** One event a request, as platforms send webhooks. */
        boolean oneAnEvent() { return this == SINGLE || this == WEBHOOK || this == WEBHOOK_INTAKE; }

        boolean webhook() { return this == WEBHOOK || this == WEBHOOK_INTAKE; }
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
                    form.webhook() ? r.perSecond() / single : Double.NaN);
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
        return switch (form) {
            case SINGLE -> "ndjson-one";
            case WEBHOOK_INTAKE -> "webhook-intake";
            default -> form.name().toLowerCase(Locale.ROOT);
        };
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
        String auditor = new AccessTokens(dir).grant("auditor", "bench", null, null);
        List<Post> requests = requests(form, generated);
        DataDirOption data = new DataDirOption();
        data.dataDir = dir;
        try (var open = data.open(); HttpFront.Api api = HttpFront.find().of(open.node(), null, false).start("127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + api.port();
            int threads = form.oneAnEvent() ? webhookClients : clients;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            // OkHttp, kept-alive connections, one a client: the load generator shares the node's cores, and the JDK's
            // client took about a third of them at one event a request (docs/benchmarks.md, "Standard events in").
            OkHttpClient http = new OkHttpClient.Builder().connectionPool(new ConnectionPool(threads, 5, TimeUnit.MINUTES))
                    .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofMinutes(5)).build();
            AtomicInteger next = new AtomicInteger();
            long t0 = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++)
                done.add(pool.submit(() -> {
                    long accepted = 0;
                    for (int k; (k = next.getAndIncrement()) < requests.size(); ) accepted += accepted(form, http, requests.get(k).request(base, form, token));
                    return accepted;
                }));
            long accepted = 0;
            for (Future<Long> f : done) accepted += f.get();
            if (form == Form.WEBHOOK_INTAKE) accepted = awaitIntake(http, base, auditor);
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdownNow();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            if (accepted != generated.size()) throw new IllegalStateException(form + ": " + accepted + " of " + generated.size() + " events accepted");
            return new Rate(form, accepted, seconds, accepted / seconds, Double.NaN, Double.NaN);
        }
    }

    /** One request, built before the clock starts (the path only: the node's port is not known yet). */
    private record Post(String path, String type, byte[] body, String signature) {
        Request request(String base, Form form, String token) {
            Request.Builder b = new Request.Builder().url(base + path).post(RequestBody.create(body, MediaType.get(type)));
            if (signature != null) b.header("X-Hub-Signature-256", signature);
            if (!form.webhook()) b.header("Authorization", "Bearer " + token);
            return b.build();
        }
    }

    private static long accepted(Form form, OkHttpClient http, Request request) throws IOException {
        int code;
        String body;
        try (Response r = http.newCall(request).execute()) {
            code = r.code();
            body = r.body().string();
        }
        if (code / 100 != 2) throw new IllegalStateException(form + ": HTTP " + code + ": " + body);
        JsonNode n = JSON.readTree(body);
        if (n.has("accepted")) return n.get("accepted").asLong();
        String status = n.path("status").asText();
        return status.equals("accepted") || status.equals("queued") ? 1 : 0;
    }

    /**
     * Waits until the ledger has appended every webhook queued on intake ({@code GET /v1/webhooks:intake}); returns how
     * many it appended as new (duplicates and refusals are not accepted events).
     */
    private static long awaitIntake(OkHttpClient http, String base, String token) throws Exception {
        Request status = new Request.Builder().url(base + "/v1/webhooks:intake").header("Authorization", "Bearer " + token).build();
        while (true) {
            try (Response r = http.newCall(status).execute()) {
                String body = r.body().string();
                if (r.code() != 200) throw new IllegalStateException("GET /v1/webhooks:intake: HTTP " + r.code() + ": " + body);
                JsonNode n = JSON.readTree(body);
                if (n.path("waiting").asLong() == 0) return n.path("appended").asLong();
            }
            Thread.sleep(5);
        }
    }

    /** Every request of a form, built before the clock starts (the path only: the node's port is not known yet). */
    private List<Post> requests(Form form, List<ObjectNode> generated) throws Exception {
        List<Post> out = new ArrayList<>();
        if (form.webhook()) {
            String path = form == Form.WEBHOOK ? "/v1/webhooks/bench" : "/v1/webhooks/bench-intake";
            for (ObjectNode e : generated) {
                byte[] body = JSON.writeValueAsBytes(e);
                out.add(new Post(path, "application/json", body, "sha256=" + HexFormat.of().formatHex(hmac(body))));
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
                case SINGLE, WEBHOOK, WEBHOOK_INTAKE -> throw new IllegalStateException();
            });
        }
        return out;
    }

    private static Post post(String path, String type, String body) {
        return new Post(path, type, body.getBytes(StandardCharsets.UTF_8), null);
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
                  bench: { mapping: webhook.yaml, secret: %1$s, signature: hub-sha256 }
                  bench-intake: { mapping: webhook.yaml, secret: %1$s, signature: hub-sha256, acknowledge: intake }
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
