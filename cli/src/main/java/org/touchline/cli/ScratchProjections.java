package org.touchline.cli;

import org.touchline.domain.store.ProjectionStore;
import org.touchline.node.ProjectionCheck;
import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Projections rebuilt from the ledger into a SQLite file of their own under the temporary directory, deleted after. */
final class ScratchProjections implements ProjectionCheck.Scratch {
    private final Path dir;
    private final SqliteStore store;

    ScratchProjections() {
        try {
            this.dir = Files.createTempDirectory("touchline-projection-check");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch directory for the projection check", e);
        }
        this.store = new SqliteStore(dir);
    }

    @Override
    public ProjectionStore projections() { return store.projections(); }

    @Override
    public void close() {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // A scratch file left in the temporary directory holds no more than the store beside it.
        }
    }
}
