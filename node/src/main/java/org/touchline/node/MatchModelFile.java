package org.touchline.node;

import org.touchline.identity.match.PersonMatchModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The probabilistic matcher's model: {@value #FILE_NAME} in the data directory (written by {@code touchline identity
 * fit}), or the documented defaults. Like the rules, it decides how history resolves, so changing it takes
 * {@code touchline identity resolve --all}.
 */
public final class MatchModelFile {
    public static final String FILE_NAME = "identity-model.json";

    private MatchModelFile() {}

    public static PersonMatchModel loadFrom(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) return PersonMatchModel.defaults();
        try {
            return PersonMatchModel.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a match model: " + e.getMessage(), e);
        }
    }

    public static void write(Path dataDir, PersonMatchModel model) {
        try {
            Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
            Files.writeString(tmp, model.toJson());
            Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the match model: " + e.getMessage(), e);
        }
    }
}
