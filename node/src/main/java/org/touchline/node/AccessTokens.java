package org.touchline.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.InteractionJson;
import org.touchline.ledger.Hashes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The API's bearer tokens (docs/security.md, "Access"), kept in {@code access-tokens.jsonl} in the data directory. Only a token's
 * SHA-256 is stored: the token itself is shown once, when it is granted. Each names a role (node, agent, analyst,
 * administrator, auditor, customer, metrics: a monitoring system's scrape of {@code /metrics} and nothing else), an agent's channel or a customer's id where the role needs one. A node answers
 * nothing without a token (unless started explicitly open), so the first administrator token is granted here, on the
 * node's machine, by {@code touchline access grant}; the serving node re-reads the file at its next request.
 */
public final class AccessTokens {
    public static final String FILE = "access-tokens.jsonl";
    public static final List<String> ROLES = List.of("node", "agent", "analyst", "administrator", "auditor", "customer", "metrics");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who a token speaks for. */
    public record Principal(String id, String name, String role, String channel, String customer, Instant granted, boolean revoked) {}

    private final Path file;
    private volatile List<Stored> tokens;
    /** The file's state when {@link #tokens} was read: a grant or revoke by another process (the CLI) is seen at the next request. */
    private volatile FileStamp stamp;

    private record Stored(Principal principal, String sha256) {}

    private record FileStamp(long modified, long size) {
        static FileStamp of(Path f) {
            try {
                return Files.exists(f) ? new FileStamp(Files.getLastModifiedTime(f).toMillis(), Files.size(f)) : new FileStamp(-1, -1);
            } catch (IOException e) {
                return new FileStamp(-1, -1);
            }
        }
    }

    public AccessTokens(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        this.stamp = FileStamp.of(file);
        this.tokens = read();
    }

    /** Re-reads the file when another process changed it: a token revoked from the CLI stops working on a running node. */
    private List<Stored> current() {
        FileStamp now = FileStamp.of(file);
        if (!now.equals(stamp)) {
            synchronized (this) {
                if (!now.equals(stamp)) {
                    tokens = read();
                    stamp = now;
                }
            }
        }
        return tokens;
    }

    /** True while no token was ever granted. */
    public boolean open() { return current().isEmpty(); }

    /** Grants a new token and returns it; this is the only time it is shown. */
    public synchronized String grant(String role, String name, String channel, String customer) {
        if (!ROLES.contains(role)) throw new IllegalArgumentException("role '" + role + "' is not one of " + ROLES);
        if (name == null || name.isBlank()) throw new IllegalArgumentException("give the token a name (whose it is)");
        if (role.equals("agent") && (channel == null || channel.isBlank())) throw new IllegalArgumentException("an agent's token names the agent's channel");
        if (role.equals("customer") && (customer == null || customer.isBlank())) throw new IllegalArgumentException("a customer's token names the customer");
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "tl_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String id = HexFormat.of().formatHex(Hashes.sha256(raw), 0, 6);
        List<Stored> next = new ArrayList<>(current());
        next.add(new Stored(new Principal(id, name, role, blank(channel), blank(customer), Instant.now(), false), sha256(token)));
        write(next);
        return token;
    }

    public synchronized void revoke(String id) {
        List<Stored> next = new ArrayList<>();
        boolean found = false;
        for (Stored s : current()) {
            if (s.principal().id().equals(id)) {
                found = true;
                Principal p = s.principal();
                next.add(new Stored(new Principal(p.id(), p.name(), p.role(), p.channel(), p.customer(), p.granted(), true), s.sha256()));
            } else next.add(s);
        }
        if (!found) throw new NoSuchElementException("no access token " + id);
        write(next);
    }

    public List<Principal> list() { return current().stream().map(Stored::principal).toList(); }

    /** The principal a presented token speaks for, unless it is unknown or revoked. */
    public Optional<Principal> find(String token) {
        if (token == null || !token.startsWith("tl_")) return Optional.empty();
        String h = sha256(token);
        for (Stored s : current())
            if (MessageDigest.isEqual(s.sha256().getBytes(StandardCharsets.US_ASCII), h.getBytes(StandardCharsets.US_ASCII)))
                return s.principal().revoked() ? Optional.empty() : Optional.of(s.principal());
        return Optional.empty();
    }

    private static String sha256(String token) { return HexFormat.of().formatHex(Hashes.sha256(token.getBytes(StandardCharsets.UTF_8))); }

    private static String blank(String s) { return s == null || s.isBlank() ? null : s; }

    private List<Stored> read() {
        if (!Files.exists(file)) return List.of();
        try {
            List<Stored> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                JsonNode n = InteractionJson.MAPPER.readTree(line);
                out.add(new Stored(new Principal(n.path("id").asText(), n.path("name").asText(), n.path("role").asText(),
                        n.hasNonNull("channel") ? n.get("channel").asText() : null, n.hasNonNull("customer") ? n.get("customer").asText() : null,
                        Instant.parse(n.path("granted").asText()), n.path("revoked").asBoolean(false)), n.path("sha256").asText()));
            }
            return List.copyOf(out);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void write(List<Stored> all) {
        StringBuilder b = new StringBuilder();
        for (Stored s : all) {
            Principal p = s.principal();
            ObjectNode n = InteractionJson.MAPPER.createObjectNode().put("id", p.id()).put("name", p.name()).put("role", p.role())
                    .put("channel", p.channel()).put("customer", p.customer()).put("granted", p.granted().toString())
                    .put("revoked", p.revoked()).put("sha256", s.sha256());
            b.append(n).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tokens = List.copyOf(all);
            stamp = FileStamp.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
