package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The OpenAPI 3.1 document served at {@code /v1/openapi.json}: the operations, prose and schemas written in
 * {@value #FILE}, and for each operation the rules its route declares, so the two never disagree. Who may call it: its
 * Security Requirement (OpenAPI 3.1 §4.8.30; none for a public route) and {@code x-roles}; why a read is logged for the
 * customer: {@code x-read-purpose}. Every declared route must be described and every described operation declared,
 * or the document is refused (a test builds it).
 */
final class ApiDescription {
    static final String FILE = "/openapi.json";
    /** The security scheme every route but the public ones requires (OpenAPI 3.1 §4.8.27, HTTP bearer). */
    static final String BEARER = "accessToken";
    /** The alternative of routes that take a write key: the token as the HTTP Basic user name. */
    static final String WRITE_KEY = "writeKey";

    private ApiDescription() {}

    /** Built once: the file and the declarations are both fixed in the jar. */
    private static final class Served {
        static final byte[] BYTES = build();

        private static byte[] build() {
            try {
                return ApiServer.JSON.writeValueAsBytes(describe(written(), RouteTable.all()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static byte[] served() { return Served.BYTES; }

    /** The document as written, without the declared rules. */
    static ObjectNode written() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(FILE)) {
            if (in == null) throw new IllegalStateException(FILE + " is missing from the server's jar");
            return (ObjectNode) ApiServer.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    /**
     * {@code document} with each operation's declared rules set on it. Refused when a route is not described or an
     * operation is not declared, naming each.
     */
    static ObjectNode describe(ObjectNode document, List<Route<?>> routes) {
        ObjectNode out = document.deepCopy();
        Map<String, ObjectNode> operations = operations(out);
        List<String> undescribed = new ArrayList<>();
        for (Route<?> r : routes) {
            ObjectNode op = operations.remove(shape(r.method(), r.path()));
            if (op == null) {
                undescribed.add(r.key());
                continue;
            }
            ArrayNode security = op.putArray("security");
            if (!r.roles().contains(AccessPolicy.ANYONE)) security.addObject().putArray(BEARER);
            if (r.writeKey()) security.addObject().putArray(WRITE_KEY);
            ArrayNode roles = op.putArray("x-roles");
            new TreeSet<>(r.roles()).forEach(roles::add);
            if (r.purpose() != null) op.put("x-read-purpose", r.purpose());
            else op.remove("x-read-purpose");
        }
        if (!undescribed.isEmpty() || !operations.isEmpty())
            throw new IllegalStateException(FILE + " and the declared routes differ: declared but not described " + undescribed
                    + ", described but not declared " + operations.keySet());
        out.withObject("/components").withObject("/securitySchemes").putObject(BEARER).put("type", "http").put("scheme", "bearer")
                .put("description", "A Touchline access token (tl_...) granted by an administrator, or a JWT of the node's "
                        + "OpenID Connect provider. x-roles lists the roles whose tokens may call an operation.");
        out.withObject("/components").withObject("/securitySchemes").putObject(WRITE_KEY).put("type", "http").put("scheme", "basic")
                .put("description", "The same access token as a write key: the HTTP Basic user name, the password empty, as Segment's "
                        + "libraries send it.");
        return out;
    }

    /** Every operation of the document by its shape, method and path. */
    private static Map<String, ObjectNode> operations(ObjectNode document) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getValue() instanceof ObjectNode o) out.put(shape(op.getKey(), path.getKey()), o);
            }
        }
        return out;
    }

    /**
     * Method and path with every parameter written {@code {}}: the route's {@code {id}} and the document's are the same
     * parameter, and so are a route's trailing wildcard ({@code tile/*}) and the document's one parameter spanning
     * segments ({@code tile/{tilePath}}).
     */
    static String shape(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^/}]+}", "{}").replaceAll("/\\*$", "/{}");
    }
}
