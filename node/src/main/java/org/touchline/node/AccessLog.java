package org.touchline.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.InteractionJson;
import org.touchline.ledger.Hashes;
import org.touchline.node.command.CustomerEvents;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Who read a customer's personal data, when, and for which purpose: one line per answered read of a customer's data,
 * appended to the customer's file under {@code access-log/} beside the store (not the ledger: reads are not facts about
 * the customer, and a ledger entry per page view would dwarf the history). The customer can read their own lines.
 * Every reader records here: the API after a read it answered, the command line after a command that showed a
 * customer's data; an erasure deletes the customer's files ({@link CustomerEvents#erase}).
 */
public final class AccessLog {
    private final Path dir;
    private final Customers customers;

    /** The access log of the node whose data directory is {@code dataDir}; {@code customers} names a customer's current id. */
    public AccessLog(Path dataDir, Customers customers) {
        this.dir = dataDir.resolve("access-log");
        this.customers = customers;
    }

    /**
     * Records one read of {@code customerId}'s data (filed under their current id): {@code purpose} is what it served,
     * {@code what} the route or command that read, {@code who} the reader and {@code from} where they were.
     */
    public void record(String customerId, String purpose, String what, String who, String from) {
        String customer = customers.current(customerId).orElse(customerId);
        ObjectNode line = InteractionJson.MAPPER.createObjectNode().put("at", Instant.now().toString()).put("customer", customer)
                .put("purpose", purpose).put("route", what).put("who", who).put("from", from);
        Path file = fileOf(customer);
        // A JVM-wide lock because the API and a command may share a process (tests, the demo).
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

    /**
     * A read made on the node's own machine through {@code touchline} (the CLI is a reader too): {@code what} names the
     * command; the reader is the operating-system user.
     */
    public void commandLineRead(String customerId, String purpose, String what) {
        record(customerId, purpose, what, "command line:" + System.getProperty("user.name", "unknown"), "local");
    }

    /** An erased customer's reads go with them: each id the erasure names loses its file. */
    public void forget(Collection<String> customerIds) {
        for (String c : customerIds) {
            try {
                Files.deleteIfExists(fileOf(c));
            } catch (IOException e) {
                throw new UncheckedIOException("the access log of an erased customer cannot be deleted", e);
            }
        }
    }

    /**
     * One file per customer, under a directory named by the first two hex digits of a hash of the id: the customer's
     * own reads are one small file to read, and a million customers are not a million files in one directory.
     */
    private Path fileOf(String customer) {
        String h = HexFormat.of().formatHex(Hashes.sha256(customer.getBytes(StandardCharsets.UTF_8)), 0, 12);
        return dir.resolve(h.substring(0, 2)).resolve(h + ".jsonl");
    }

    /** The customer's lines, newest first. */
    public List<JsonNode> of(String customerId) throws IOException {
        String c = customers.current(customerId).orElseThrow(() -> new NoSuchElementException("no customer " + customerId));
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
        Collections.reverse(out);
        return out;
    }
}
