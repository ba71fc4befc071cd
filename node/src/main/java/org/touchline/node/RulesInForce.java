package org.touchline.node;

import org.touchline.ledger.Hashes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;

/**
 * Which identity rules and match model the projections were resolved under, kept beside the store (the file
 * {@value #FILE_NAME} holds their canonical description). A node started under other rules would attribute new
 * records differently from the history; it refuses to start until {@code touchline identity resolve --all} has
 * re-resolved the history under the new rules and recorded the change as a ledger entry.
 */
final class RulesInForce {
    static final String FILE_NAME = "identity-rules.in-force";

    private RulesInForce() {}

    /** Records the rules on first start; afterwards throws, naming what to do, if {@code rules} are not those in force. */
    static void check(Path dataDir, String description) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                write(dataDir, description);
                return;
            }
            String inForce = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!inForce.equals(description))
                throw new IllegalStateException(IdentityRulesFile.FILE_NAME + " or " + MatchModelFile.FILE_NAME
                        + " has changed since the history was resolved (in force " + version(inForce) + ", now " + version(description)
                        + "): run `touchline identity resolve --all` to re-resolve the history under them, or put the previous files back");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path dataDir, String description) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
            Files.writeString(tmp, description + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A short version of a rules description: the first 12 hex digits of its SHA-256. */
    static String version(String description) {
        return HexFormat.of().formatHex(Hashes.sha256(description.getBytes(StandardCharsets.UTF_8)), 0, 6);
    }
}
