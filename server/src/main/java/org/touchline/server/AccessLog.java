package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.touchline.domain.InteractionJson;
import org.touchline.node.AccessTokens;
import org.touchline.node.Node;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who read a customer's personal data, when, and for which purpose (docs/security.md, "Access"): one line per answered read of a
 * customer's data, appended to the customer's file under {@code access-log/} beside the store (not the ledger: reads are not facts about
 * the customer, and a ledger entry per page view would dwarf the history). The customer can read their own lines.
 */
public final class AccessLog {
    private final Node node;
    private final Path dir;

    public AccessLog(Node node) {
        this.node = node;
        this.dir = directory(node.identity().dataDir());
    }

    private static Path directory(Path dataDir) { return dataDir.resolve("access-log"); }

    /**
     * An erased customer's reads go with them (docs/security.md, "Erasure"): the erasure entry names every id the customer had, and
     * each one's file is deleted. Called by the API's and the CLI's erasure alike.
     */
    public static void forget(Path dataDir, java.util.Collection<String> customerIds) {
        for (String c : customerIds) {
            try {
                Files.deleteIfExists(fileOf(directory(dataDir), c));
            } catch (IOException e) {
                throw new UncheckedIOException("the access log of an erased customer cannot be deleted", e);
            }
        }
    }

    /**
     * One file per customer, under a directory named by the first two hex digits of a hash of the id: the customer's
     * own reads are one small file to read, and a million customers are not a million files in one directory.
     */
    private Path fileOf(String customer) { return fileOf(dir, customer); }

    private static Path fileOf(Path dir, String customer) {
        String h = java.util.HexFormat.of().formatHex(org.touchline.ledger.Hashes.sha256(customer.getBytes(StandardCharsets.UTF_8)), 0, 12);
        return dir.resolve(h.substring(0, 2)).resolve(h + ".jsonl");
    }

    /** After a read answered 200: who read whose data, for what. */
    void after(Context ctx) {
        String route = ctx.attribute(Access.ROUTE);   // after the handler Javalin no longer says which route matched
        // The purpose the route declares (Route#purpose): only reads of one customer's data have one.
        String purpose = route == null ? null : RouteTable.find(ctx.method().name(), route).map(Route::purpose).orElse(null);
        if (purpose == null || !ctx.method().name().equals("GET") || ctx.statusCode() != 200) return;
        String customer = node.customers().current(ctx.pathParam("id")).orElse(ctx.pathParam("id"));
        AccessTokens.Principal p = Access.principal(ctx);
        write(dir, customer, purpose, route, p == null ? "anyone (open node)" : p.role() + ":" + p.name(), ctx.ip());
    }

    /**
     * A read made on the node's own machine through {@code touchline} (the CLI is a reader too): {@code what} names the
     * command, {@code who} the operating-system user.
     */
    public static void commandLineRead(Node node, String customerId, String purpose, String what) {
        String customer = node.customers().current(customerId).orElse(customerId);
        write(directory(node.identity().dataDir()), customer, purpose, what, "command line:" + System.getProperty("user.name", "unknown"), "local");
    }

    /** Appends one line; a JVM-wide lock because the API and a command may share a process (tests, the demo). */
    private static void write(Path dir, String customer, String purpose, String route, String who, String from) {
        ObjectNode line = InteractionJson.MAPPER.createObjectNode().put("at", Instant.now().toString()).put("customer", customer)
                .put("purpose", purpose).put("route", route).put("who", who).put("from", from);
        Path file = fileOf(dir, customer);
        synchronized (AccessLog.class) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("the access log cannot be written: " + file, e);
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                w.write(line.toString());
                w.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("the access log cannot be written: " + file, e);
            }
        }
    }

    /** The customer's lines, newest first. */
    public List<JsonNode> of(String customerId) throws IOException {
        String c = node.customers().current(customerId).orElseThrow(() -> new java.util.NoSuchElementException("no customer " + customerId));
        List<JsonNode> out = new ArrayList<>();
        Path file = fileOf(c);
        if (!Files.exists(file)) return out;
        synchronized (AccessLog.class) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (l.isBlank() || !l.contains(c)) continue;
                JsonNode n = InteractionJson.MAPPER.readTree(l);
                if (n.path("customer").asText().equals(c)) out.add(n);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
