package org.touchline.server;

import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * Which roles may call each route (issue 7 item 1): the one place every endpoint declares who it is for. Keys are the
 * method and the route as registered. A route missing here is refused to everyone (fail closed); a test checks the
 * table and the published API list match, and walks every route with every role.
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
    static final String ANY_ROLE = "any role";
    /** The public routes' rule: they answer without a token (and ignore one). Keep this list short and read-only. */
    static final String ANYONE = "anyone";
    private static final Set<String> STAFF = Set.of("agent", "administrator");
    private static final Set<String> STAFF_AND_CUSTOMER = Set.of("agent", "administrator", "customer");
    private static final Set<String> LEDGER = Set.of("auditor", "administrator", "node");
    private static final Set<String> ANALYSIS = Set.of("analyst", "administrator");

    static final Map<String, Set<String>> RULES = Map.ofEntries(
            entry("GET /v1/health", Set.of(ANY_ROLE)),
            entry("GET /v1/health/live", Set.of(ANYONE)),
            entry("GET /v1/health/ready", Set.of(ANYONE)),
            entry("GET /metrics", Set.of("metrics", "administrator")),
            entry("GET /v1/openapi.json", Set.of(ANY_ROLE)),
            entry("GET /v1/schemas/interaction-v1.json", Set.of(ANY_ROLE)),
            entry("GET /v1/ledger/checkpoint", Set.of(ANYONE)),
            entry("GET /v1/ledger/key", Set.of(ANYONE)),
            entry("POST /v1/interactions", Set.of("node", "agent", "administrator")),
            entry("POST /v1/interactions:batch", Set.of("node", "agent", "administrator")),
            entry("POST /v1/batches", Set.of("node", "administrator")),
            entry("GET /v1/ledger/entries/{index}", LEDGER),
            entry("GET /v1/ledger/tile/*", LEDGER),
            entry("GET /v1/ledger/proofs/inclusion", Set.of("auditor", "administrator", "node", "customer")),
            entry("GET /v1/ledger/proofs/consistency", Set.of("auditor", "administrator", "node", "customer")),
            entry("GET /v1/ledger/checkpoints", Set.of("auditor", "administrator")),
            entry("GET /v1/customers", STAFF),
            entry("GET /v1/customers/{id}/timeline", STAFF_AND_CUSTOMER),
            entry("GET /v1/customers/{id}/identity", STAFF),
            entry("POST /v1/customers/{id}/unmerge", STAFF),
            entry("GET /v1/customers/{id}/relationships", STAFF),
            entry("GET /v1/customers/{id}/household", STAFF),
            entry("GET /v1/customers/{id}/organisation", STAFF),
            entry("GET /v1/identity/reviews", STAFF),
            entry("POST /v1/identity/reviews/{entry}/accept", STAFF),
            entry("POST /v1/identity/reviews/{entry}/reject", STAFF),
            entry("POST /v1/relationships", STAFF),
            entry("POST /v1/relationships/{entry}/end", STAFF),
            entry("GET /v1/customers/{id}/consents", STAFF_AND_CUSTOMER),
            entry("POST /v1/customers/{id}/consents", STAFF_AND_CUSTOMER),
            entry("POST /v1/customers/{id}/erasure", Set.of("administrator")),
            entry("GET /v1/customers/{id}/export", Set.of("administrator", "customer")),
            entry("GET /v1/customers/{id}/access-log", Set.of("administrator", "auditor", "customer")),
            entry("GET /v1/access-tokens", Set.of("administrator", "auditor")),
            entry("POST /v1/access-tokens", Set.of("administrator")),
            entry("POST /v1/access-tokens/{id}/revoke", Set.of("administrator")),
            entry("GET /v1/me", Set.of("customer", "agent", "administrator", "analyst", "auditor", "node")),
            entry("GET /v1/customers/{id}/entries/{index}", Set.of("customer", "administrator", "auditor")),
            entry("POST /v1/ratings", Set.of("customer", "agent", "administrator")),
            entry("GET /v1/interactions/{entry}/ratings", STAFF),
            entry("GET /v1/contracts", Set.of("administrator", "auditor")),
            entry("GET /v1/contracts/{id}/actions", Set.of("administrator", "auditor")),
            entry("POST /v1/contracts", Set.of("administrator")),
            entry("POST /v1/contracts/{id}/{version}/{change}", Set.of("administrator")),
            entry("GET /v1/campaigns/{name}/audience", Set.of("administrator")),
            entry("GET /v1/catalogue", Set.of("agent", "administrator", "customer", "analyst", "auditor")),
            entry("GET /v1/customers/{id}/tokens", STAFF_AND_CUSTOMER),
            entry("POST /v1/customers/{id}/redemptions", STAFF_AND_CUSTOMER),
            entry("GET /v1/agents/{id}/tokens", Set.of("agent", "administrator")),
            entry("GET /v1/dead-letters", Set.of("administrator", "auditor")),
            entry("POST /v1/dead-letters/{id}/resubmit", Set.of("administrator")),
            entry("GET /v1/analytics/snapshot", ANALYSIS),
            entry("POST /v1/analytics/refresh", ANALYSIS),
            entry("POST /v1/analytics/funnel", ANALYSIS),
            entry("POST /v1/analytics/paths", ANALYSIS),
            entry("GET /v1/analytics/flow", ANALYSIS),
            entry("GET /v1/analytics/journeys", ANALYSIS),
            entry("GET /v1/analytics/products/{product}", ANALYSIS),
            entry("GET /v1/analytics/co-churn", ANALYSIS),
            entry("GET /v1/analytics/vocabulary", ANALYSIS),
            entry("GET /v1/demand/{channel}", ANALYSIS),
            entry("GET /v1/customers/{id}/features", STAFF),
            entry("GET /v1/customers/{id}/propensities", STAFF),
            entry("GET /v1/customers/{id}/next-best-action", STAFF),
            entry("POST /v1/customers/{id}/next-best-action", STAFF),
            entry("POST /v1/recommendations/{entry}/outcome", STAFF),
            entry("POST /v1/sentiment", Set.of("agent", "analyst", "administrator")),
            entry("GET /v1/models", ANALYSIS),
            entry("GET /v1/models/{name}", ANALYSIS),
            entry("POST /v1/models/{name}/train", Set.of("administrator")),
            entry("GET /v1/models/{name}/monitoring", ANALYSIS),
            entry("GET /v1/next-best-actions/uplift", ANALYSIS),
            entry("GET /v1/tasks", STAFF),
            entry("GET /v1/notifications", Set.of("administrator", "node")),
            entry("POST /v1/ingest/source", Set.of("administrator")),
            entry("POST /v1/tokens/expiry", Set.of("administrator")),
            entry("POST /v1/jobs", Set.of("administrator")),
            entry("GET /v1/jobs", Set.of("administrator")),
            entry("GET /v1/jobs/{id}", Set.of("administrator")));

    private AccessPolicy() {}

    /**
     * The methods the API answers on {@code path} (a concrete path such as {@code /v1/customers/c1/timeline}), HEAD
     * beside GET; empty when no route has that path. What a 405 names in its {@code Allow} header (RFC 9110 §15.5.6).
     */
    static java.util.SortedSet<String> methodsOn(String path) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        for (String rule : RULES.keySet()) {
            int space = rule.indexOf(' ');
            String template = rule.substring(space + 1);
            String regex = java.util.regex.Pattern.quote(template).replaceAll("\\{[a-zA-Z]+\\}", "\\\\E[^/]+\\\\Q").replace("*", "\\E.+\\Q");
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
    static Set<String> rolesFor(String method, String route) { return RULES.get(method + " " + route); }
}
