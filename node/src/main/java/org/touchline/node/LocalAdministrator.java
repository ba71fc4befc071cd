package org.touchline.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.InteractionJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * How the command line reaches the node serving its data directory: while it serves, the node keeps
 * {@value #FILE} in the data directory with its address and a credential made at start, readable by its owner only
 * (as node.key is). The credential speaks for an administrator, from a loopback address only, and is gone when the node
 * stops: whoever may read the data directory may already grant tokens there, so it gives no one more than they have.
 * Writing commands (consent, erase, review decisions...) then go through the API instead of opening the store.
 */
public final class LocalAdministrator {
    public static final String FILE = "serving.json";
    /** The principal id of the local credential (never the id of a granted token, which are random). */
    public static final String ID = "local";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String credential;
    private final AccessTokens.Principal principal;

    private LocalAdministrator(String credential) {
        this.credential = credential;
        this.principal = new AccessTokens.Principal(ID, "local administrator (" + System.getProperty("user.name", "unknown") + ")",
                "administrator", null, null, Instant.now(), false);
    }

    public static LocalAdministrator create() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return new LocalAdministrator("tl_local_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    }

    /** Whether a bearer token is this node's local credential, presented from this machine. */
    public boolean accepts(String bearer, String remoteAddress) {
        return MessageDigest.isEqual(credential.getBytes(StandardCharsets.US_ASCII),
                bearer.getBytes(StandardCharsets.US_ASCII)) && loopback(remoteAddress);
    }

    public AccessTokens.Principal principal() { return principal; }

    private static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Writes {@value #FILE}, owner-only, for the node now listening on {@code host:port}. */
    public void publish(Path dataDir, String host, int port) {
        String reach = host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? "127.0.0.1" : host;
        if (reach.contains(":") && !reach.startsWith("[")) reach = "[" + reach + "]";
        ObjectNode n = InteractionJson.MAPPER.createObjectNode().put("url", "http://" + reach + ":" + port)
                .put("credential", credential).put("pid", ProcessHandle.current().pid()).put("since", Instant.now().toString());
        Path file = dataDir.resolve(FILE);
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, n.toString() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("another node is starting on " + dataDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes {@value #FILE} when the node stops, if it is still this node's. */
    public void withdraw(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (find(dataDir).map(s -> s.credential().equals(credential)).orElse(false)) Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file names a process that is gone: readers check the pid
        }
    }

    /** A serving node's address and local credential. */
    public record Serving(String url, String credential, long pid) {}

    /** The node serving {@code dataDir} now, if one does (a file left by a node that died is ignored). */
    public static Optional<Serving> find(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isReadable(file)) return Optional.empty();
        try {
            JsonNode n = InteractionJson.MAPPER.readTree(Files.readString(file));
            long pid = n.path("pid").asLong();
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                return Optional.of(new Serving(n.path("url").asText(), n.path("credential").asText(), pid));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
