package org.touchline.server;

import io.javalin.Javalin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every resource of the API with the routes it declares: the one list the server installs, the access check and the
 * access log look a matched route up in, and the API description is checked against. A route is declared once, in its
 * resource's class; nothing here is keyed by hand.
 */
final class RouteTable {
    /** The resources, in the order their routes are registered. */
    static final List<Routes<?>> RESOURCES = List.of(
            OperationsRoutes.ROUTES,
            AccessTokenRoutes.ROUTES,
            IngestRoutes.ROUTES,
            SegmentRoutes.ROUTES,
            CloudEventRoutes.ROUTES,
            WebhookRoutes.ROUTES,
            SourceFileRoutes.ROUTES,
            DeadLetterRoutes.ROUTES,
            DestinationRoutes.ROUTES,
            AudienceRoutes.ROUTES,
            LedgerRoutes.ROUTES,
            ExplorerRoutes.ROUTES,
            CustomerSearch.ROUTES,
            CustomerRoutes.ROUTES,
            IdentityRoutes.ROUTES,
            ConsentRoutes.ROUTES,
            PrivacyRoutes.ROUTES,
            RequestRoutes.ROUTES,
            RatingRoutes.ROUTES,
            TokenRoutes.ROUTES,
            TokenExpiryRoutes.ROUTES,
            ContractRoutes.ROUTES,
            AnalyticsRoutes.ROUTES,
            IntelligenceRoutes.ROUTES,
            PortalRoutes.ROUTES,
            JobRoutes.ROUTES);

    /** Every route by its key ("GET /v1/customers/{id}/timeline"); two declarations of one key stop the server from starting. */
    private static final Map<String, Route<?>> BY_KEY = index(RESOURCES);

    private RouteTable() {}

    /** The resources' routes by key, in order; refused when two declare the same method and path. */
    static Map<String, Route<?>> index(List<Routes<?>> resources) {
        return resources.stream().flatMap(r -> r.all().stream()).collect(Collectors.toMap(Route::key, r -> r, (a, b) -> {
            throw new IllegalStateException(a.key() + " is declared twice");
        }, LinkedHashMap::new));
    }

    /** Every route, in registration order. */
    static List<Route<?>> all() { return List.copyOf(BY_KEY.values()); }

    /** The route registered for {@code method} (GET for HEAD) and the path template Javalin matched, if any. */
    static Optional<Route<?>> find(String method, String path) {
        return Optional.ofNullable(BY_KEY.get((method.equals("HEAD") ? "GET" : method) + " " + path));
    }

    /**
     * Installs every resource's routes on {@code app}, each answered by the one instance of its class among
     * {@code instances}. A resource with no instance, or an instance of a class that declares no routes, is a mistake
     * in the assembly: refused before the server starts.
     */
    static void install(Javalin app, List<Object> instances) {
        Map<Class<?>, Object> byClass = new LinkedHashMap<>();
        for (Object o : instances)
            if (byClass.put(o.getClass(), o) != null) throw new IllegalStateException("two instances of " + o.getClass().getSimpleName());
        for (Routes<?> r : RESOURCES) {
            Object instance = byClass.remove(r.resource());
            if (instance == null) throw new IllegalStateException(r.resource().getSimpleName() + " declares routes but the server has no instance of it");
            install(app, r, instance);
        }
        if (!byClass.isEmpty()) throw new IllegalStateException(byClass.keySet() + " not in RouteTable.RESOURCES: their routes would not be installed");
    }

    private static <R> void install(Javalin app, Routes<R> routes, Object instance) {
        routes.install(app, routes.resource().cast(instance));
    }
}
