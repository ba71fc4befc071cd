package org.touchline.server;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which roles may call each route: each route declares who it is for beside its handler ({@link Route#roles}), and
 * this is the table of them all, keyed by method and route as registered. A route without a rule is refused to
 * everyone (fail closed), and a declaration without roles stops the server from starting; tests check the table
 * against the published API description and walk every route with every role.
 *
 * <p>Roles: {@code node} (a channel node submitting records), {@code agent} (reads customers, records interactions for
 * its channel), {@code analyst} (aggregates only, never personal data), {@code administrator} (configuration,
 * contracts, keys, erasure), {@code auditor} (the ledger and its proofs), {@code customer} (only their own data: a
 * route with {@code {id}} answers a customer only for their own id). {@code any role}: any valid token (the health
 * check, the API description); {@code metrics} (a monitoring system: {@code /metrics} and what any role may read).
 * {@code anyone}: no token at all, for the liveness and readiness probes orchestrators call, and for what a
 * transparency log publishes to everyone who verifies it (its signed checkpoint and the key that signed it, C2SP
 * tlog-checkpoint and signed-note): read-only, no personal data. Every other route needs a token: a node is closed
 * unless started explicitly open.
 */
final class AccessPolicy {
    static final String NODE = "node", AGENT = "agent", ANALYST = "analyst", ADMINISTRATOR = "administrator", AUDITOR = "auditor",
            CUSTOMER = "customer", METRICS = "metrics";
    static final String ANY_ROLE = "any role";
    /** The public routes' rule: they answer without a token (and ignore one). Keep this list short and read-only. */
    static final String ANYONE = "anyone";

    /** Method and route ("GET /v1/customers/{id}/timeline") to the roles that may call it, as the routes declare them. */
    static final Map<String, Set<String>> RULES = RouteTable.all().stream().collect(Collectors.toUnmodifiableMap(Route::key, Route::roles));

    private AccessPolicy() {}

    /**
     * The methods the API answers on {@code path} (a concrete path such as {@code /v1/customers/c1/timeline}), HEAD
     * beside GET; empty when no route has that path. What a 405 names in its {@code Allow} header (RFC 9110 §15.5.6).
     */
    static SortedSet<String> methodsOn(String path) {
        SortedSet<String> out = new TreeSet<>();
        for (String rule : RULES.keySet()) {
            int space = rule.indexOf(' ');
            String template = rule.substring(space + 1);
            String regex = Pattern.quote(template).replaceAll("\\{[a-zA-Z]+\\}", "\\\\E[^/]+\\\\Q").replace("*", "\\E.+\\Q");
            if (path.matches(regex)) {
                out.add(rule.substring(0, space));
                if (rule.startsWith("GET ")) out.add("HEAD");
            }
        }
        return out;
    }

    /** Whether requests to {@code path} go through the access check: the API and the metrics, not the web pages' files. */
    static boolean guards(String path) { return path.startsWith("/v1/") || path.equals("/metrics"); }
    /** Whether the route answers without a token. */
    static boolean isPublic(String method, String route) {
        Set<String> roles = rolesFor(method, route);
        return roles != null && roles.contains(ANYONE);
    }

    /** The roles a route is for, or null when it has no rule (then nobody may call it). */
    static Set<String> rolesFor(String method, String route) { return RouteTable.find(method, route).<Set<String>>map(Route::roles).orElse(null); }
}
