package org.touchline.server;

import io.javalin.http.Context;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * One route of the API and everything the server needs to know about it, declared once beside its handler: the
 * method and path as registered, the resource's method that answers it, who may call it ({@link AccessPolicy}), why a
 * read of a customer's data through it is logged ({@link AccessLog}), and what a cluster node does with it. A resource
 * class declares its routes with {@link Routes#of}; {@link RouteTable} lists every resource.
 *
 * @param roles   the roles whose tokens may call it; {@link AccessPolicy#ANY_ROLE} for any valid token,
 *                {@link AccessPolicy#ANYONE} for a public route that needs no token. Never empty: the default is closed.
 * @param purpose why the route reads one customer's personal data (the customer's consent purposes: service,
 *                personalisation, transparency), so each answered read is logged; null when it reads none
 * @param answersDuringReplay whether it answers while a job replays the ledger into the projections
 *                ({@link JobRoutes}): only routes that read no projection do; the others answer 503 meanwhile
 * @param writeKey whether the token may also come as an HTTP Basic user name with an empty password, as Segment's
 *                libraries send their write key
 */
record Route<R>(String method, String path, Endpoint<R> endpoint, Set<String> roles, String purpose, InCluster cluster,
                boolean answersDuringReplay, boolean writeKey) {

    /** A resource's handler for a route: its method, called on the resource instance the server was assembled with. */
    @FunctionalInterface
    interface Endpoint<R> {
        void handle(R resource, Context ctx) throws Exception;
    }

    /**
     * What a node in a cluster does with a request to the route. Every append must go through the ordering topic, or
     * the nodes' logs would differ: a write is either ordered there or refused (409).
     */
    enum InCluster {
        /** Answered from the node's own copy: every GET, and POSTs that only read (queries with a body). */
        READ,
        /** Ordered through the cluster's topic and applied by every node (refused with 503 while writes are stopped). */
        ORDERED,
        /** A write not ordered yet: a cluster node refuses it with 409. */
        REFUSED
    }

    Route {
        String key = method + " " + path;
        if (roles.isEmpty())
            throw new IllegalStateException(key + " declares no roles: name who may call it with roles(...), or declare it anyRole() or anyone()");
        if (purpose != null && (!method.equals("GET") || !path.contains("{id}")))
            throw new IllegalStateException(key + ": a purpose is declared on a GET that reads one customer's data, the {id} of its path");
        if (method.equals("GET") && cluster != InCluster.READ)
            throw new IllegalStateException(key + ": a GET only reads, a cluster node answers it from its own copy");
    }

    /** How the route is named in the access table, the logs and the API description: "GET /v1/customers/{id}/timeline". */
    String key() { return method + " " + path; }

    /**
     * A route being declared: {@code routes.get(path, Resource::handler).roles(AGENT, ADMINISTRATOR).purpose("service")}.
     * Finished into a {@link Route} when the resource's declarations are done.
     */
    static final class Declaration<R> {
        private final String method, path;
        private final Endpoint<R> endpoint;
        private final Set<String> roles = new TreeSet<>();
        private String purpose;
        private InCluster cluster;
        private boolean answersDuringReplay;
        private boolean writeKey;

        Declaration(String method, String path, Endpoint<R> endpoint) {
            this.method = method;
            this.path = path;
            this.endpoint = endpoint;
            this.cluster = method.equals("GET") ? InCluster.READ : InCluster.REFUSED;
        }

        /** The roles whose tokens may call the route (see {@link AccessPolicy} for what each role is). */
        Declaration<R> roles(String... roles) {
            this.roles.addAll(Arrays.asList(roles));
            return this;
        }

        /** Any valid token, whatever its role: what describes the API and the node's health. */
        Declaration<R> anyRole() { return roles(AccessPolicy.ANY_ROLE); }

        /** Public: answered without a token. Only read-only routes with no personal data (probes, the log's checkpoint and key). */
        Declaration<R> anyone() { return roles(AccessPolicy.ANYONE); }

        /** Every answered read is logged for the customer, with this purpose. */
        Declaration<R> purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        /** A POST that only reads (a query with a body): a cluster node answers it itself. */
        Declaration<R> clusterRead() {
            this.cluster = InCluster.READ;
            return this;
        }

        /** A write a cluster node orders through its topic, so every node appends it at the same place. */
        Declaration<R> clusterOrdered() {
            this.cluster = InCluster.ORDERED;
            return this;
        }

        /** The route reads no projection (the ledger itself, the jobs, the node's liveness): it answers while a job replays them. */
        Declaration<R> answersDuringReplay() {
            this.answersDuringReplay = true;
            return this;
        }

        /** The token may come as a write key, the HTTP Basic user name (Segment's libraries authenticate so). */
        Declaration<R> writeKey() {
            this.writeKey = true;
            return this;
        }

        Route<R> route() { return new Route<>(method, path, endpoint, Set.copyOf(roles), purpose, cluster, answersDuringReplay, writeKey); }
    }
}
