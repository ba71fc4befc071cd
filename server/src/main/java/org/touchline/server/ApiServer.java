package org.touchline.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import org.touchline.domain.Identifier;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.Problem;
import org.touchline.domain.store.DeadLetter;
import org.touchline.ingest.MappingException;
import org.touchline.ledger.ProofException;
import org.touchline.node.AccessLog;
import org.touchline.node.Customers;
import org.touchline.node.LocalAdministrator;
import org.touchline.node.Node;
import org.touchline.node.NotPermitted;
import org.touchline.node.Outcome;
import org.touchline.node.Write;
import org.touchline.node.spi.ClusterRole;
import org.touchline.node.spi.HttpFront;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * The HTTP API (see {@code /v1/openapi.json}) and the web pages. Handlers are thin: they parse the request, call the
 * node, and turn the answer into JSON. Bad requests get a 4xx naming the problem; anything unexpected is logged here
 * and answered with a 500 that carries no stack trace.
 */
public final class ApiServer implements HttpFront.Api {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** How answers are written: records with instants and durations (recommendations, forecasts) as ISO text, not numbers. */
    static final com.fasterxml.jackson.databind.json.JsonMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();
    /** Request attribute set once a handler has written a JSON error, so the error pages leave it alone. */
    private static final String ERROR_WRITTEN = "touchline.errorWritten";
    private final Node node;
    private final Javalin app;
    private final Access access;
    private final org.touchline.node.AccessTokens tokens;
    /** Set on a cluster node: batches go through the ordering topic, other writes are refused (see {@link #clusterWrites}). */
    private final ClusterRole cluster;
    /** The command line's way in while this node serves its data directory. */
    private final LocalAdministrator local = LocalAdministrator.create();
    private final Readiness readiness;
    private final Metrics metrics;
    private final RequestLog requestLog;

    /** A closed node: every API route needs an access token. */
    public ApiServer(Node node) { this(node, null, false); }

    public ApiServer(Node node, ClusterRole cluster) { this(node, cluster, false); }

    /**
     * {@code insecureOpen}: answer without a token while none is granted (only when asked for explicitly:
     * {@code serve --insecure-open}, or the demo on loopback). Otherwise the node is closed.
     */
    public ApiServer(Node node, ClusterRole cluster, boolean insecureOpen) {
        this.node = node;
        this.cluster = cluster;
        this.tokens = new org.touchline.node.AccessTokens(node.identity().dataDir());
        this.access = new Access(node, tokens, OpenIdTokens.in(node.identity().dataDir()), insecureOpen, local);
        this.readiness = new Readiness(node, cluster);
        this.metrics = new Metrics(node, cluster, readiness);
        this.requestLog = new RequestLog(metrics);
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.requestLogger.http(requestLog::after);
            cfg.http.maxRequestSize = 32L * 1024 * 1024;
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/web";
                s.location = Location.CLASSPATH;
            });
            cfg.jsonMapper(new io.javalin.json.JavalinJackson(JSON, false));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            cfg.jetty.modifyServletContextHandler(h -> h.addFilter(new org.eclipse.jetty.servlet.FilterHolder(new HeadAsGet()), "/v1/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
        });
        routes();
    }

    @Override
    public ApiServer start(String host, int port) {
        app.start(host, port);
        local.publish(node.identity().dataDir(), host, app.port());
        return this;
    }

    @Override
    public int port() { return app.port(); }

    /** True when the node is closed and nobody can get in yet: no token granted, no identity provider. */
    @Override
    public boolean awaitingFirstToken() { return access.awaitingFirstToken(); }

    /** How the first administrator token is made, for the start-up message of a node awaiting it. */
    public static String firstTokenCommand() { return Access.FIRST_TOKEN; }

    private void routes() {
        app.before(requestLog::before);
        app.before(SecurityHeaders::add);
        // Kept for what runs after the handler, when Javalin no longer says which route matched.
        app.beforeMatched(ctx -> ctx.attribute(Access.ROUTE, ctx.endpointHandlerPath()));
        app.beforeMatched(access::check);
        app.beforeMatched(CrossSiteWrites::check);
        app.beforeMatched(StrictInput::check);
        if (cluster != null) app.beforeMatched(this::clusterWrites);
        AccessLog log = node.accessLog();
        app.afterMatched(new AccessLogFilter(log)::after);
        app.get("/v1/customers/{id}/access-log", ctx -> {
            ArrayNode a = F.arrayNode();
            log.of(ctx.pathParam("id")).forEach(a::add);
            ctx.json(F.objectNode().set("reads", a));
        });
        app.get("/v1/health", ctx -> {
            var integrity = node.integrity().status();
            ObjectNode out = F.objectNode().put("status", node.writesStopped().isPresent() ? "writes stopped" : "ok").put("size", node.ledger().size())
                    .put("access", access.mode());
            node.writesStopped().ifPresent(why -> out.put("reason", why));
            out.putObject("integrity").put("state", integrity.state()).put("checked", integrity.checked()).put("of", integrity.of())
                    .put("problem", integrity.problem());
            if (cluster != null) {
                cluster.writesStopped().ifPresent(why -> out.put("status", "split view: writes stopped").put("reason", why));
                out.set("cluster", JSON.valueToTree(cluster.status()));
            }
            ctx.json(out);
        });
        // Probes (public: orchestrators send no token). Live: the process answers. Ready: it should get traffic.
        app.get("/v1/health/live", ctx -> ctx.json(F.objectNode().put("status", "live")));
        app.get("/v1/health/ready", ctx -> {
            var notReady = readiness.reason();
            if (notReady.isPresent()) ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(F.objectNode().put("status", "not ready").put("reason", notReady.get()));
            else ctx.json(F.objectNode().put("status", "ready"));
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        new AccessTokenRoutes(node, tokens).register(app);
        app.post("/v1/interactions", this::postOne);
        app.post("/v1/interactions:batch", this::postBatch);
        // A channel node's signed batch: refused before anything is appended unless a registered, unrevoked channel key
        // signed exactly these records under a batch id not accepted before.
        app.post("/v1/batches", ctx -> {
            var body = IdentityJson.body(ctx.body());
            String note = IdentityJson.required(body, "note"), records = IdentityJson.required(body, "records");
            if (cluster != null) {
                answerOrdered(ctx, cluster.submit(note, records));
                return;
            }
            var v = node.signedBatches().verify(note, records);
            List<Outcome> outcomes = node.ingestion().ndjson(records, "channel:" + v.channel());
            node.signedBatches().accepted(v);
            answerBatch(ctx, F.objectNode().put("channel", v.channel()).put("batch", v.batchId()), outcomes);
        });
        app.get("/v1/schemas/interaction-v1.json", ctx -> ctx.contentType("application/schema+json").result(
                ApiServer.class.getResourceAsStream("/interaction-v1.schema.json")));
        app.get("/v1/openapi.json", ctx -> ctx.contentType("application/json").result(ApiServer.class.getResourceAsStream("/openapi.json")));

        app.get("/v1/ledger/checkpoint", ctx -> ctx.contentType("text/plain; charset=utf-8")
                .result(cluster != null ? cluster.checkpoint() : node.reader().checkpoint()));
        app.get("/v1/ledger/key", ctx -> ctx.contentType("text/plain; charset=utf-8").result(node.identity().verifierKey() + "\n"));
        app.get("/v1/ledger/entries/{index}", ctx -> ctx.contentType("application/octet-stream")
                .result(node.reader().entry(longParam(ctx.pathParam("index"), "index"))));
        app.get("/v1/ledger/tile/*", ctx -> ctx.contentType("application/octet-stream")
                .header("Cache-Control", ctx.path().contains(".p/") ? "no-cache" : "public, max-age=31536000, immutable")
                .result(node.reader().tile(ctx.path().substring("/v1/ledger/".length()))));
        app.get("/v1/ledger/proofs/inclusion", ctx -> {
            var proof = node.reader().inclusion(longQuery(ctx, "index"), longQuery(ctx, "treeSize"));
            ctx.json(F.objectNode().put("index", proof.leafIndex()).put("treeSize", proof.treeSize()).set("hashes", b64(proof.hashes())));
        });
        app.get("/v1/ledger/proofs/consistency", ctx -> {
            var proof = node.reader().consistency(longQuery(ctx, "from"), longQuery(ctx, "to"));
            ctx.json(F.objectNode().put("from", proof.oldSize()).put("to", proof.newSize()).set("hashes", b64(proof.hashes())));
        });

        new AnalyticsRoutes(node).register(app);
        new IntelligenceRoutes(node).register(app);
        new PortalRoutes(node).register(app);
        new ExplorerRoutes(node).register(app);
        new JobRoutes(node).register(app);
        new SourceFileRoutes(node, local).register(app);
        new TokenExpiryRoutes(node).register(app);
        new CustomerSearch(node).register(app);

        app.get("/v1/customers/{id}/timeline", this::timeline);
        app.get("/v1/customers/{id}/identity", this::identity);
        app.post("/v1/customers/{id}/unmerge", this::unmerge);
        app.get("/v1/customers/{id}/relationships", this::relationships);
        app.get("/v1/customers/{id}/household", ctx -> group(ctx, java.util.Set.of("household")));
        app.get("/v1/customers/{id}/organisation", ctx -> group(ctx, java.util.Set.of("employee", "parent")));
        app.get("/v1/identity/reviews", this::reviews);
        app.post("/v1/identity/reviews/{entry}/accept", ctx -> answerReview(ctx, true));
        app.post("/v1/identity/reviews/{entry}/reject", ctx -> answerReview(ctx, false));
        app.post("/v1/relationships", this::relate);
        app.get("/v1/customers/{id}/consents", this::consents);
        app.post("/v1/customers/{id}/consents", this::consent);
        app.post("/v1/customers/{id}/erasure", this::erase);
        app.get("/v1/customers/{id}/export", ctx -> {
            String c = currentCustomer(ctx);
            ctx.header("Content-Disposition", "attachment; filename=\"touchline-" + c + ".json\"").json(node.exportBundle(c));
        });
        app.post("/v1/ratings", this::rate);
        app.get("/v1/contracts", ctx -> {
            ArrayNode a = F.arrayNode();
            for (var d : node.contracts().deployments())
                a.addObject().put("id", d.contract().id()).put("version", d.contract().version()).put("state", d.state().name().toLowerCase())
                        .put("definition", d.contract().sha256());
            ctx.json(F.objectNode().set("contracts", a));
        });
        // A deployment: {"signed": the signed contract (`touchline contracts sign`)}, the actor a query parameter.
        app.post("/v1/contracts", ctx -> {
            String actor = Access.actor(ctx, ctx.queryParam("actor"));
            long index = write(Write.of(Write.CONTRACT_DEPLOY, "signed", IdentityJson.required(IdentityJson.body(ctx.body()), "signed"), "actor", actor));
            ctx.status(HttpStatus.CREATED).json(F.objectNode().put("entry", index));
        });
        app.post("/v1/contracts/{id}/{version}/{change}", ctx -> {
            var body = IdentityJson.body(ctx.body());
            String actor = Access.actor(ctx, optional(body, "actor")), id = ctx.pathParam("id");
            long version = longParam(ctx.pathParam("version"), "version");
            long index = write(Write.of(Write.CONTRACT_CHANGE, "id", id, "version", Long.toString(version), "change", ctx.pathParam("change"), "actor", actor));
            ctx.status(HttpStatus.CREATED).json(F.objectNode().put("entry", index));
        });
        // Who a campaign may reach at a moment: consent to marketing, less contracts' suppressions.
        app.get("/v1/campaigns/{name}/audience", ctx -> {
            String atText = ctx.queryParam("at");
            java.time.Instant at;
            try {
                at = atText == null ? java.time.Instant.now() : java.time.Instant.parse(atText);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("'at' must be an RFC 3339 time like 2026-11-23T00:00:00Z, got '" + atText + "'");
            }
            List<String> customers = node.campaigns().audience(ctx.pathParam("name"), at);
            ObjectNode out = F.objectNode().put("campaign", ctx.pathParam("name")).put("at", at.toString()).put("count", customers.size());
            customers.forEach(out.putArray("customers")::add);
            ctx.json(out);
        });
        app.get("/v1/catalogue", ctx -> {
            ArrayNode a = F.objectNode().putArray("benefits");
            node.tokens().catalogue().values().forEach(b -> a.addObject().put("id", b.id()).put("name", b.name()).put("cost", b.cost()));
            ctx.json(F.objectNode().set("benefits", a));
        });
        app.get("/v1/customers/{id}/tokens", ctx -> {
            String c = currentCustomer(ctx);
            ctx.json(tokensJson(F.objectNode().put("customerId", c).put("balance", node.tokens().customerBalance(c)), node.tokens().customerHistory(c)));
        });
        app.get("/v1/agents/{id}/tokens", ctx -> {
            String agent = ctx.pathParam("id");
            ctx.json(tokensJson(F.objectNode().put("agentId", agent).put("balance", node.tokens().agentBalance(agent)), node.tokens().agentHistory(agent)));
        });
        app.post("/v1/customers/{id}/redemptions", ctx -> {
            String c = currentCustomer(ctx);
            var body = IdentityJson.body(ctx.body());
            long index = write(Write.of(Write.REDEMPTION, "customer", c, "benefit", IdentityJson.required(body, "benefit"),
                    "channel", Access.channel(ctx, body.hasNonNull("channel") ? body.get("channel").asText() : null)));
            ctx.status(HttpStatus.CREATED).json(F.objectNode().put("entry", index).put("balance", node.tokens().customerBalance(c)));
        });
        app.get("/v1/interactions/{entry}/ratings", ctx -> {
            long entry = longParam(ctx.pathParam("entry"), "entry");
            ObjectNode out = F.objectNode().put("entry", entry);
            ArrayNode a = out.putArray("ratings");
            node.projections().eventsAbout(entry, org.touchline.domain.EventEntry.RATING).forEach(r -> a.add(EventJson.row(r)));
            ctx.json(out);
        });
        app.post("/v1/relationships/{entry}/end", this::endRelationship);

        app.get("/v1/dead-letters", this::deadLetters);
        app.post("/v1/dead-letters/{id}/resubmit", this::resubmit);

        app.exception(org.touchline.ingest.TooManyLinesException.class, (e, ctx) -> error(ctx, HttpStatus.CONTENT_TOO_LARGE, e.getMessage()));
        app.exception(Access.Refused.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        app.exception(NotPermitted.class, (e, ctx) -> error(ctx, HttpStatus.FORBIDDEN, e.getMessage()));
        app.exception(ClusterRole.NotYetApplied.class, (e, ctx) -> ctx.status(HttpStatus.ACCEPTED)
                .json(F.objectNode().put("offset", e.offset).put("status", "ordered: not yet applied on this node")));
        app.exception(ClusterRole.Unavailable.class, (e, ctx) -> error(ctx.header("Retry-After", "5"), HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        app.exception(org.touchline.node.SignedBatches.Refused.class, (e, ctx) -> {
            error(ctx, switch (e.reason) {
                case "unknown-key", "revoked-key" -> HttpStatus.FORBIDDEN;
                case "replayed" -> HttpStatus.CONFLICT;
                default -> HttpStatus.BAD_REQUEST;
            }, e.getMessage());
        });
        app.exception(java.util.NoSuchElementException.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(ProofException.class, (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, e.getMessage()));
        app.exception(MappingException.class, (e, ctx) -> error(ctx, HttpStatus.CONFLICT, e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> error(ctx, HttpStatus.CONFLICT, e.getMessage()));
        app.exception(org.touchline.contracts.ContractException.class, (e, ctx) -> error(ctx, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
        app.exception(com.fasterxml.jackson.core.JsonProcessingException.class,
                (e, ctx) -> error(ctx, HttpStatus.BAD_REQUEST, "body is not valid JSON: " + e.getOriginalMessage()));
        app.exception(org.touchline.domain.store.WritesStoppedException.class, (e, ctx) -> error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        app.exception(org.touchline.domain.store.StoreFullException.class, (e, ctx) -> error(ctx.header("Retry-After", "60"), HttpStatus.INSUFFICIENT_STORAGE, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            // The route template, not the path: a path can hold a customer's id or an email (docs/operations.md, "Logs").
            LOG.error("{} {} failed", ctx.method(), ctx.<String>attribute(Access.ROUTE), e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the node's log has the details");
        });
        // Error pages only for answers no handler wrote (else they would replace, e.g., a batch's "too many lines").
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) != null) return;
            // A path the API has, asked with a method it does not answer there: 405 naming the methods it does.
            var allowed = ctx.path().startsWith("/v1/") ? AccessPolicy.methodsOn(ctx.path()) : java.util.Set.<String>of();
            if (!allowed.isEmpty() && !allowed.contains(ctx.method().name())) {
                ctx.header("Allow", String.join(", ", allowed));
                error(ctx, HttpStatus.METHOD_NOT_ALLOWED, ctx.method() + " is not answered on " + ctx.path() + ": use " + String.join(", ", allowed));
                return;
            }
            error(ctx, HttpStatus.NOT_FOUND, "no such resource: " + ctx.path());
        });
        app.error(HttpStatus.CONTENT_TOO_LARGE, ctx -> {
            if (ctx.attribute(ERROR_WRITTEN) == null) error(ctx, HttpStatus.CONTENT_TOO_LARGE, "request body is larger than 32 MiB");
        });
    }

    /** POSTs that only read (queries with a body) stay open on a cluster node. */
    private static final List<String> CLUSTER_READS = List.of("/v1/analytics/", "/v1/sentiment");
    /** The routes whose writes a cluster node orders through its topic: a signed batch, and each {@link Write}. */
    private static final java.util.Set<String> CLUSTER_ORDERED = java.util.Set.of("/v1/batches", "/v1/customers/{id}/consents",
            "/v1/ratings", "/v1/customers/{id}/erasure", "/v1/identity/reviews/{entry}/accept", "/v1/identity/reviews/{entry}/reject",
            "/v1/customers/{id}/unmerge", "/v1/relationships", "/v1/relationships/{entry}/end", "/v1/customers/{id}/redemptions",
            "/v1/contracts", "/v1/contracts/{id}/{version}/{change}");

    /**
     * On a cluster node every append must come through the ordering topic, or the nodes' logs would differ: a signed
     * batch and the {@link Write}s are ordered (and refused with 503 during a split view); any other write is refused
     * with 409.
     */
    private void clusterWrites(Context ctx) {
        String method = ctx.method().name();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return;
        if (CLUSTER_READS.stream().anyMatch(ctx.path()::startsWith)) return;
        if (CLUSTER_ORDERED.contains(ctx.endpointHandlerPath())) {
            var stopped = cluster.writesStopped();
            if (stopped.isPresent()) throw new Access.Refused(HttpStatus.SERVICE_UNAVAILABLE, "writes are stopped: " + stopped.get());
            return;
        }
        throw new Access.Refused(HttpStatus.CONFLICT, "cluster nodes accept writes through the ordering topic only, and "
                + method + " " + ctx.path() + " is not ordered yet: interactions go as a signed batch to POST /v1/batches");
    }

    /** Appends a write here, or on a cluster node orders it through the topic and waits until it is applied here. */
    private long write(Write w) {
        return cluster != null ? cluster.order(w) : w.apply(node, java.time.Clock.systemUTC(), null);
    }

    private static String optional(com.fasterxml.jackson.databind.JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    private static String text(java.time.LocalDate date) { return date == null ? null : date.toString(); }

    private static void answerOrdered(Context ctx, ClusterRole.Ordered o) {
        ObjectNode out = F.objectNode().put("channel", o.channel()).put("batch", o.batchId()).put("offset", o.offset());
        if (o.outcomes() == null) {
            ctx.status(HttpStatus.ACCEPTED).json(out.put("status", "ordered: not yet applied on this node"));
            return;
        }
        answerBatch(ctx, out, o.outcomes());
    }

    /**
     * A signed batch's answer, alone or ordered: the counts, and each refused record with its problems (a record naming
     * an erased person is refused when its group is applied, on every node alike). 422 when every record was refused.
     */
    private static void answerBatch(Context ctx, ObjectNode out, List<Outcome> outcomes) {
        long accepted = outcomes.stream().filter(x -> x.status() == Outcome.Status.ACCEPTED).count();
        long duplicates = outcomes.stream().filter(x -> x.status() == Outcome.Status.DUPLICATE).count();
        long rejected = outcomes.size() - accepted - duplicates;
        out.put("accepted", accepted).put("duplicates", duplicates).put("rejected", rejected);
        ArrayNode refused = out.putArray("refused");
        for (int k = 0; k < outcomes.size(); k++)
            if (outcomes.get(k).status() == Outcome.Status.REJECTED) refused.add(outcomeJson(outcomes.get(k)).put("line", lineOf(outcomes.get(k), k + 1)));
        if (rejected > 0 && accepted + duplicates == 0) ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        ctx.json(out);
    }

    /**
     * An agent records interactions for its own channel, in its own name only: a record of another channel, or naming
     * another agent, is refused before anything of the request is appended. The submitter the batch note names is the
     * token's principal.
     */
    private static String submitter(Context ctx) {
        var p = Access.principal(ctx);
        if (p == null) return "api";
        if (p.role().equals("agent")) {
            int line = 0;
            for (String l : ctx.body().split("\n")) {
                line++;
                if (l.isBlank()) continue;
                com.fasterxml.jackson.databind.JsonNode record;
                try {
                    record = InteractionJson.MAPPER.readTree(l);
                } catch (IOException e) {
                    continue;   // not JSON: ingestion names the problem for that line
                }
                String channel = record.path("channel").asText();
                if (!channel.equals(p.channel()))
                    throw new Access.Refused(HttpStatus.FORBIDDEN, "line " + line + ": field 'channel': an agent of " + p.channel()
                            + " may not record interactions of channel '" + channel + "'");
                // The agent who handled it is the token's agent: an agent cannot record in another agent's name.
                if (record.hasNonNull("agentId") && !record.get("agentId").asText().equals(p.name()))
                    throw new Access.Refused(HttpStatus.FORBIDDEN, "line " + line + ": field 'agentId': '" + record.get("agentId").asText()
                            + "' is not this token's agent (" + p.name() + ")");
            }
        }
        return p.role() + ":" + p.name();
    }

    private void postOne(Context ctx) {
        Outcome o = node.ingestion().one(ctx.body(), submitter(ctx));
        ctx.status(switch (o.status()) {
            case ACCEPTED -> HttpStatus.CREATED;
            case DUPLICATE -> HttpStatus.OK;
            case REJECTED -> HttpStatus.UNPROCESSABLE_CONTENT;
        }).json(outcomeJson(o));
    }

    private void postBatch(Context ctx) {
        List<Outcome> outcomes = node.ingestion().ndjson(ctx.body(), submitter(ctx));
        ObjectNode out = F.objectNode();
        long accepted = outcomes.stream().filter(o -> o.status() == Outcome.Status.ACCEPTED).count();
        long duplicates = outcomes.stream().filter(o -> o.status() == Outcome.Status.DUPLICATE).count();
        out.put("accepted", accepted).put("duplicates", duplicates).put("rejected", outcomes.size() - accepted - duplicates);
        ArrayNode results = out.putArray("results");
        for (int k = 0; k < outcomes.size(); k++) results.add(outcomeJson(outcomes.get(k)).put("line", lineOf(outcomes.get(k), k + 1)));
        ctx.json(out);
    }

    /** The body line an outcome answers ("line N" as the NDJSON reader named it: blank lines count, and are skipped). */
    static long lineOf(Outcome o, long fallback) {
        String ref = o.recordRef();
        if (ref != null && ref.startsWith("line ")) {
            try {
                return Long.parseLong(ref.substring("line ".length()));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    static ObjectNode outcomeJson(Outcome o) {
        ObjectNode n = F.objectNode().put("status", o.status().name().toLowerCase());
        n.put("record", o.recordRef());
        if (o.status() != Outcome.Status.REJECTED) n.put("index", o.index()).put("id", o.id());
        else n.set("problems", problemsJson(o.problems()));
        return n;
    }

    static ArrayNode problemsJson(List<Problem> problems) {
        ArrayNode a = F.arrayNode();
        for (Problem p : problems) a.addObject().put("record", p.record()).put("field", p.field()).put("reason", p.reason());
        return a;
    }

    private void timeline(Context ctx) {
        String asked = ctx.pathParam("id");
        var current = node.customers().current(asked);
        if (current.isEmpty()) {
            error(ctx, HttpStatus.NOT_FOUND, "no customer " + asked);
            return;
        }
        int limit = pageLimit(ctx, 50, Customers.MAX_PAGE);
        Customers.TimelinePage page = node.customers().timeline(current.get(), ctx.queryParam("cursor"), limit);
        ObjectNode out = F.objectNode().put("customerId", page.customerId());
        if (!asked.equals(page.customerId())) out.put("mergedFrom", asked);
        out.put("total", page.total());
        ArrayNode items = out.putArray("items");
        timelineItems(out, page);
        out.put("next", page.next() == null ? null : "/v1/customers/" + page.customerId() + "/timeline?limit=" + limit + "&cursor=" + page.next());
        ctx.json(out);
    }

    private void timelineItems(ObjectNode out, Customers.TimelinePage page) {
        ArrayNode items = out.putArray("items");
        for (Customers.TimelineItem item : page.items()) {
            ObjectNode i;
            if (item.decision() != null) {
                i = F.objectNode().put("kind", "identity");
                i.set("decision", IdentityJson.decision(item.decision()));
            } else if (item.event() != null) {
                i = EventJson.event(item.event(), item.comment());
            } else {
                i = InteractionJson.toJson(item.interaction());
                i.put("kind", "interaction").put("erased", item.erased());
                IntelligenceRoutes.sentimentOf(node, i);
            }
            i.put("index", item.index()).put("role", item.role()).put("customerId", item.customerId());
            items.add(i);
        }
    }

    /** A household or organisation as one customer entity: its members and their combined timeline (issue 3 item 4). */
    private void group(Context ctx, java.util.Set<String> types) {
        String c = currentCustomer(ctx);
        java.time.LocalDate on = ctx.queryParam("on") == null ? java.time.LocalDate.now(java.time.ZoneOffset.UTC) : IdentityJson.date(ctx.queryParam("on"), "on");
        List<String> members = node.customers().group(c, types, on);
        int limit = pageLimit(ctx, 50, Customers.MAX_PAGE);
        Customers.TimelinePage page = node.customers().timeline(c, members, ctx.queryParam("cursor"), limit);
        ObjectNode out = F.objectNode().put("customerId", c).put("on", on.toString());
        members.forEach(out.putArray("members")::add);
        out.put("total", page.total());
        timelineItems(out, page);
        out.put("next", page.next() == null ? null : ctx.path() + "?limit=" + limit + "&cursor=" + page.next());
        ctx.json(out);
    }

    private String currentCustomer(Context ctx) {
        String asked = ctx.pathParam("id");
        return node.customers().current(asked).orElseThrow(() -> new java.util.NoSuchElementException("no customer " + asked));
    }

    /** Balance and every movement, each with its entry so it can be proved (issue 4 item 2). */
    private static ObjectNode tokensJson(ObjectNode out, List<org.touchline.domain.store.ProjectionStore.TokenRow> history) {
        ArrayNode a = out.putArray("movements");
        for (var r : history)
            a.addObject().put("entry", r.entry()).put("movement", r.movement()).put("amount", r.amount()).put("remaining", r.remaining())
                    .put("at", java.time.Instant.ofEpochMilli(r.atMillis()).toString()).put("proof", "/v1/ledger/proofs/inclusion?index=" + r.entry());
        return out;
    }

    /** The customer's consent per purpose now, and every consent entry (issue 4 item 4). */
    private void consents(Context ctx) {
        String c = currentCustomer(ctx);
        var events = node.customerEvents();
        ObjectNode out = F.objectNode().put("customerId", c);
        ObjectNode current = out.putObject("current");
        var consents = events.consents(c);
        for (String purpose : org.touchline.node.CustomerEvents.PURPOSES) {
            var row = consents.get(purpose);
            ObjectNode p = current.putObject(purpose).put("allowed", org.touchline.node.CustomerEvents.allowedBy(purpose, row));
            if (row != null) p.setAll(EventJson.row(row));
            else p.put("state", purpose.equals("service") ? "not needed" : "never asked");
        }
        ArrayNode history = out.putArray("history");
        events.consentHistory(c).forEach(r -> history.add(EventJson.row(r)));
        ctx.json(out);
    }

    private void consent(Context ctx) throws IOException {
        String c = currentCustomer(ctx);
        var body = IdentityJson.body(ctx.body());
        String channel = Access.channel(ctx, body.hasNonNull("channel") ? body.get("channel").asText() : null);
        if (channel == null || channel.isBlank()) throw new IllegalArgumentException("field 'channel' is required (a string)");
        long index = write(Write.of(Write.CONSENT, "customer", c, "purpose", IdentityJson.required(body, "purpose"),
                "state", IdentityJson.required(body, "state"), "channel", channel,
                "reason", body.hasNonNull("reason") ? body.get("reason").asText() : null,
                "occurredAt", body.hasNonNull("occurredAt") ? body.get("occurredAt").asText() : null));
        ctx.status(HttpStatus.CREATED).json(F.objectNode().put("entry", index).put("customerId", c));
    }

    private void rate(Context ctx) throws IOException {
        var body = IdentityJson.body(ctx.body());
        if (!body.path("entry").canConvertToLong()) throw new IllegalArgumentException("field 'entry' is required: the rated interaction's ledger index");
        if (!body.path("rating").isIntegralNumber()) throw new IllegalArgumentException("field 'rating' is required: a whole number 1 to 5");
        var p = Access.principal(ctx);
        boolean byCustomer = p != null && p.role().equals("customer");
        // The rater is the token's principal; a customer's own rating says "customer" (the entry names the customer),
        // and the node refuses a customer's rating of someone else's interaction.
        String rater = p == null ? null : byCustomer ? "customer" : Access.label(p);
        long index = write(Write.of(Write.RATING, "entry", Long.toString(body.get("entry").asLong()), "rating", Integer.toString(body.get("rating").asInt()),
                "customer", byCustomer ? p.customer() : null,
                "comment", body.hasNonNull("comment") ? body.get("comment").asText() : null,
                "channel", Access.channel(ctx, body.hasNonNull("channel") ? body.get("channel").asText() : null), "rater", rater));
        ctx.status(HttpStatus.CREATED).json(F.objectNode().put("entry", index));
    }

    /** Erasure (issue 4 item 6): the body must name the customer again, so a wrong path cannot erase someone. */
    private void erase(Context ctx) throws IOException {
        String asked = ctx.pathParam("id");
        var body = IdentityJson.body(ctx.body());
        String actor = Access.actor(ctx, optional(body, "actor"));
        if (!asked.equals(body.path("confirm").asText()))
            throw new IllegalArgumentException("field 'confirm' must repeat the customer id " + asked + " to erase it");
        long started = System.nanoTime();
        long index = write(Write.of(Write.ERASURE, "customer", asked, "actor", actor));   // forgets the access log too
        var e = org.touchline.domain.EventEntry.parse(node.ledger().leaf(index));
        ctx.status(HttpStatus.CREATED).json(F.objectNode().put("entry", index).put("customers", e.field("customers"))
                .put("personalPartsErased", Long.parseLong(e.field("entries"))).put("millis", (System.nanoTime() - started) / 1_000_000));
    }

    private void relationships(Context ctx) {
        String c = currentCustomer(ctx);
        ObjectNode out = F.objectNode().put("customerId", c);
        ArrayNode a = out.putArray("relationships");
        node.customers().relationships(c).forEach(r -> a.add(IdentityJson.relationship(r)));
        ctx.json(out);
    }

    private void reviews(Context ctx) {
        String status = ctx.queryParamAsClass("status", String.class).getOrDefault("open");
        long after = rangeParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = pageLimit(ctx, 100, 1000);
        ObjectNode out = F.objectNode().put("status", status);
        ArrayNode items = out.putArray("items");
        for (var row : node.projections().reviews(status, after, limit)) items.add(IdentityJson.row(row));
        ctx.json(out);
    }

    private void answerReview(Context ctx, boolean accept) throws IOException {
        long entry = longParam(ctx.pathParam("entry"), "entry");
        var body = IdentityJson.body(ctx.body());
        String actor = Access.actor(ctx, optional(body, "actor"));
        String reason = body.hasNonNull("reason") ? body.get("reason").asText() : null;
        long index = write(Write.of(Write.REVIEW, "entry", Long.toString(entry), "decision", accept ? "accept" : "reject", "actor", actor, "reason", reason));
        ctx.status(HttpStatus.CREATED).json(F.objectNode().put("entry", index).put("review", entry).put("status", accept ? "accepted" : "rejected"));
    }

    private void unmerge(Context ctx) throws IOException {
        String asked = ctx.pathParam("id");
        var body = IdentityJson.body(ctx.body());
        String actor = Access.actor(ctx, optional(body, "actor"));
        List<String> ids = new java.util.ArrayList<>();
        body.path("identifiers").forEach(i -> ids.add(Identifier.parse(i.asText()).toString()));
        String absorbed = body.hasNonNull("absorbed") ? body.get("absorbed").asText() : null;
        long index = write(Write.of(Write.UNMERGE, "customer", asked, "absorbed", absorbed, "identifiers", ids.isEmpty() ? null : String.join("\n", ids),
                "actor", actor, "reason", body.hasNonNull("reason") ? body.get("reason").asText() : null));
        var d = org.touchline.domain.IdentityDecision.parse(node.ledger().leaf(index));
        ctx.status(HttpStatus.CREATED).json(F.objectNode().put("entry", index).put("customerId", d.customerId())
                .put("splitOff", d.otherCustomerId()).put("identifiersMoved", d.identifierKeys().size()));
    }

    private void relate(Context ctx) throws IOException {
        var body = IdentityJson.body(ctx.body());
        long index = write(Write.of(Write.RELATIONSHIP, "type", IdentityJson.required(body, "type"), "from", IdentityJson.required(body, "from"),
                "to", IdentityJson.required(body, "to"), "validFrom", text(IdentityJson.optionalDate(body, "validFrom")),
                "validTo", text(IdentityJson.optionalDate(body, "validTo")), "actor", Access.actor(ctx, optional(body, "actor"))));
        ctx.status(HttpStatus.CREATED).json(IdentityJson.relationship(node.projections().relationship(index).orElseThrow()));
    }

    private void endRelationship(Context ctx) throws IOException {
        long entry = longParam(ctx.pathParam("entry"), "entry");
        var body = IdentityJson.body(ctx.body());
        long index = write(Write.of(Write.RELATIONSHIP_END, "entry", Long.toString(entry), "validTo", text(IdentityJson.optionalDate(body, "validTo")),
                "actor", Access.actor(ctx, optional(body, "actor"))));
        ctx.status(HttpStatus.CREATED).json(IdentityJson.relationship(node.projections().relationship(entry).orElseThrow()).put("endedBy", index));
    }

    /** Why each identifier and each merged customer belongs to this customer (issue 3: explanations). */
    private void identity(Context ctx) {
        String asked = ctx.pathParam("id");
        var current = node.customers().current(asked);
        var explanation = current.flatMap(c -> node.customers().explain(c));
        if (explanation.isEmpty()) {
            error(ctx, HttpStatus.NOT_FOUND, "no customer " + asked);
            return;
        }
        var e = explanation.get();
        ObjectNode out = F.objectNode().put("customerId", e.customerId()).put("createdAt", e.createdAt());
        if (!asked.equals(e.customerId())) out.put("mergedFrom", asked);
        ArrayNode ids = out.putArray("identifiers");
        for (var i : e.identifiers())
            ids.addObject().put("type", i.type()).put("value", i.value()).put("linkedAt", i.atIndex())
                    .put("source", i.source()).put("sourceRecordId", i.sourceRecordId()).put("rule", i.rule());
        ArrayNode merges = out.putArray("merges");
        for (var m : e.merges()) {
            ObjectNode n = merges.addObject().put("absorbed", m.absorbed()).put("at", m.atIndex())
                    .put("source", m.source()).put("sourceRecordId", m.sourceRecordId());
            m.sharedIdentifiers().forEach(n.putArray("evidence")::add);
        }
        ArrayNode decisions = out.putArray("decisions");
        node.customers().decisions(e.customerId()).forEach(r -> decisions.add(IdentityJson.row(r)));
        ArrayNode relationships = out.putArray("relationships");
        node.customers().relationships(e.customerId()).forEach(r -> relationships.add(IdentityJson.relationship(r)));
        ctx.json(out);
    }

    private void deadLetters(Context ctx) {
        String status = ctx.queryParamAsClass("status", String.class).getOrDefault(DeadLetter.OPEN);
        long after = rangeParam(ctx, "after", 0, 0, Long.MAX_VALUE);
        int limit = pageLimit(ctx, 100, 1000);
        ObjectNode out = F.objectNode().put("status", status).put("count", node.deadLetters().count(status));
        // Records refused past their source's quota of open letters: counted, not kept.
        ObjectNode over = out.putObject("overQuota");
        node.deadLetters().overQuota().forEach(over::put);
        ArrayNode items = out.putArray("items");
        for (DeadLetter d : node.deadLetters().list(status, after, limit)) items.add(deadLetterJson(d));
        ctx.json(out);
    }

    static ObjectNode deadLetterJson(DeadLetter d) {
        ObjectNode n = F.objectNode().put("id", d.id()).put("receivedAt", d.receivedAt().toString()).put("source", d.source())
                .put("origin", d.origin()).put("record", d.recordRef()).put("raw", d.raw()).put("status", d.status());
        try {
            n.set("problems", InteractionJson.MAPPER.readTree(d.problems()));
        } catch (IOException e) {
            n.put("problems", d.problems());
        }
        return n;
    }

    private void resubmit(Context ctx) throws IOException, MappingException {
        long id = longParam(ctx.pathParam("id"), "id");
        // The corrected record: an Interaction v1 record as JSON, or {"raw": "..."} for a source's own format (a CSV line).
        String corrected = ctx.body().isBlank() ? null : ctx.body();
        if (corrected != null) corrected = rawOf(corrected);
        Outcome o = node.ingestion().resubmit(id, corrected);
        ctx.status(o.status() == Outcome.Status.REJECTED ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK).json(outcomeJson(o));
    }

    /** {@code {"raw": TEXT}} gives TEXT; anything else is the corrected record itself (checked as a record, not here). */
    private static String rawOf(String body) {
        try {
            var n = InteractionJson.MAPPER.readTree(body);
            return n != null && n.isObject() && n.size() == 1 && n.path("raw").isTextual() ? n.get("raw").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private static ArrayNode b64(List<byte[]> hashes) {
        ArrayNode a = F.arrayNode();
        for (byte[] h : hashes) a.add(Base64.getEncoder().encodeToString(h));
        return a;
    }

    private static long longQuery(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) throw new IllegalArgumentException("query parameter '" + name + "' is required");
        return longParam(v, name);
    }

    /** A page's size: {@code byDefault} when not given, at most {@code max} (a larger ask gets a full page); below 1 is refused. */
    static int pageLimit(Context ctx, int byDefault, int max) {
        String v = ctx.queryParam("limit");
        if (v == null) return byDefault;
        long n = longParam(v, "limit");
        if (n < 1) throw new IllegalArgumentException("'limit' must be at least 1 (a page holds at most " + max + "), got " + n);
        return (int) Math.min(max, n);
    }

    /** A whole-number query parameter within [min, max], or {@code byDefault} when absent; 400 naming it otherwise. */
    static long rangeParam(Context ctx, String name, long byDefault, long min, long max) {
        String v = ctx.queryParam(name);
        if (v == null) return byDefault;
        long n = longParam(v, name);
        if (n < min || n > max) throw new IllegalArgumentException("'" + name + "' must be between " + min + " and " + max + ", got " + n);
        return n;
    }

    static long longParam(String v, String name) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    static void error(Context ctx, HttpStatus status, String message) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(status).json(F.objectNode().put("error", message).put("status", status.getCode()));
    }

    @Override
    public void close() {
        app.stop();
        metrics.close();
        local.withdraw(node.identity().dataDir());
    }
}
