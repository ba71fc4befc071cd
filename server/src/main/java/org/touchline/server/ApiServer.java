package org.touchline.server;

import org.touchline.node.spi.ClusterRole;
import org.touchline.node.LocalAdministrator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.servlet.FilterHolder;
import org.touchline.ingest.MappingException;
import org.touchline.ingest.events.EventSources;
import org.touchline.ingest.events.WebhookSource;
import org.touchline.node.AccessLog;
import org.touchline.node.AccessTokens;
import org.touchline.destinations.Destinations;
import org.touchline.node.audience.Audiences;
import org.touchline.domain.store.AudienceStore;
import org.touchline.domain.store.DestinationStore;
import org.touchline.node.Node;
import org.touchline.node.spi.HttpFront;

import java.util.EnumSet;
import java.util.List;

/**
 * The HTTP API (see {@code /v1/openapi.json}) and the web pages, assembled: the server, the checks every request goes
 * through, and the resources whose classes declare their routes ({@link Route}). Handlers are thin: they parse the
 * request, call the node, and turn the answer into JSON. Bad requests get a 4xx naming the problem; anything
 * unexpected is logged and answered with a 500 that carries no stack trace ({@link ErrorAnswers}).
 */
public final class ApiServer implements HttpFront.Api {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** How answers are written: records with instants and durations (recommendations, forecasts) as ISO text, not numbers. */
    static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();
    private final Node node;
    private final Javalin app;
    private final Access access;
    private final AccessTokens tokens;
    /** Set on a cluster node: writes go through the ordering topic as their routes declare, others are refused ({@link ClusterWrites}). */
    private final ClusterRole cluster;
    /** The command line's way in while this node serves its data directory. */
    private final LocalAdministrator local = LocalAdministrator.create();
    private final Readiness readiness;
    private final Metrics metrics;
    private final RequestLog requestLog;
    /** Delivery to the node's subscribed destinations while it serves; null when it keeps none (a cluster node). */
    private final Destinations destinations;
    /** The audiences this node keeps, evaluated while it serves; null when it keeps none (a cluster node). */
    private final Audiences audiences;
    /** The node's standard event sources ({@code events.yaml}). */
    private final EventSources events;
    /** Webhooks acknowledged once queued; null unless a source asks for it (never on a cluster node). */
    private final WebhookIntake intake;

    /** A closed node: every API route needs an access token. */
    public ApiServer(Node node) { this(node, null, false); }

    public ApiServer(Node node, ClusterRole cluster) { this(node, cluster, false); }

    /**
     * {@code insecureOpen}: answer without a token while none is granted (only when asked for explicitly:
     * {@code serve --insecure-open}, or the demo on loopback). Otherwise the node is closed.
     */
    public ApiServer(Node node, ClusterRole cluster, boolean insecureOpen) { this(node, cluster, insecureOpen, null); }

    /** With {@code destinations} (null for none): their routes, their meters, and their delivery while the server runs. */
    public ApiServer(Node node, ClusterRole cluster, boolean insecureOpen, DestinationStore destinations) {
        this(node, cluster, insecureOpen, destinations, null);
    }

    /** With {@code audiences} too (null for none): their routes, and their evaluator while the server runs. */
    public ApiServer(Node node, ClusterRole cluster, boolean insecureOpen, DestinationStore destinations, AudienceStore audiences) {
        this.node = node;
        this.destinations = destinations == null ? null : new Destinations(node, destinations);
        this.audiences = audiences == null ? null : node.audiences(audiences);
        this.cluster = cluster;
        this.events = events(node);
        this.intake = cluster == null && events.webhooks().values().stream().anyMatch(w -> w.acknowledge() == WebhookSource.Acknowledge.INTAKE)
                ? new WebhookIntake(node) : null;
        this.tokens = new AccessTokens(node.identity().dataDir());
        this.access = new Access(node, tokens, OpenIdTokens.in(node.identity().dataDir()), insecureOpen, local);
        this.readiness = new Readiness(node, cluster);
        this.metrics = new Metrics(node, cluster, readiness);
        if (this.destinations != null) metrics.destinations(this.destinations);
        if (this.audiences != null) metrics.audiences(this.audiences);
        if (intake != null) metrics.webhookIntake(intake);
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
            cfg.jsonMapper(new JavalinJackson(JSON, false));
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            cfg.jetty.modifyServletContextHandler(h -> h.addFilter(new FilterHolder(new HeadAsGet()), "/v1/*", EnumSet.of(DispatcherType.REQUEST)));
        });
        routes();
    }

    @Override
    public ApiServer start(String host, int port) {
        app.start(host, port);
        if (destinations != null) destinations.start();
        if (audiences != null) audiences.start();
        if (intake != null) intake.start();
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

    /**
     * What runs before and after every matched route (in this order: the request's id, the security headers, who is
     * calling and may they, cross-site and strict-input checks, a cluster's ordering, a running replay), then every
     * resource's routes as {@link RouteTable} lists them, then how failures are answered.
     */
    private void routes() {
        app.before(requestLog::before);
        app.before(SecurityHeaders::add);
        // Kept for what runs after the handler, when Javalin no longer says which route matched.
        app.beforeMatched(ctx -> ctx.attribute(Access.ROUTE, ctx.endpointHandlerPath()));
        app.beforeMatched(access::check);
        app.beforeMatched(CrossSiteWrites::check);
        app.beforeMatched(StrictInput::check);
        if (cluster != null) app.beforeMatched(new ClusterWrites(cluster)::check);
        JobRoutes jobs = new JobRoutes(node);
        app.beforeMatched(jobs::refuseDuringReplay);
        AccessLog log = node.accessLog();
        app.afterMatched(new AccessLogFilter(log)::after);
        Writes writes = new Writes(node, cluster);
        RouteTable.install(app, List.of(
                new OperationsRoutes(node, access, cluster, readiness, metrics),
                new AccessTokenRoutes(node, tokens),
                new IngestRoutes(node, cluster),
                new SegmentRoutes(node, events),
                new CloudEventRoutes(node, events),
                new WebhookRoutes(node, events, intake),
                new SourceFileRoutes(node, local),
                new DeadLetterRoutes(node),
                new DestinationRoutes(destinations),
                new AudienceRoutes(audiences, AnalyticsRoutes.floorIn(node.identity().dataDir())),
                new LedgerRoutes(node, cluster),
                new ExplorerRoutes(node),
                new CustomerSearch(node),
                new CustomerRoutes(node),
                new IdentityRoutes(node, writes),
                new ConsentRoutes(node, writes),
                new PrivacyRoutes(node, log, writes),
                new RequestRoutes(node, writes),
                new RatingRoutes(node, writes),
                new TokenRoutes(node, writes),
                new TokenExpiryRoutes(node),
                new ContractRoutes(node, writes),
                new AnalyticsRoutes(node),
                new IntelligenceRoutes(node),
                new PortalRoutes(node),
                jobs));
        ErrorAnswers.install(app);
    }

    /** The node's standard event sources ({@code events.yaml}); a mistake in them stops the server from starting, naming it. */
    private static EventSources events(Node node) {
        try {
            return EventSources.in(node.identity().dataDir(), System::getenv);
        } catch (MappingException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (destinations != null) destinations.close();
        if (audiences != null) audiences.close();
        app.stop();
        // After the server stopped taking requests, before the node closes: the drain finishes its batch.
        if (intake != null) intake.close();
        metrics.close();
        local.withdraw(node.identity().dataDir());
    }
}
