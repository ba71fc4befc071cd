package org.touchline.cli;

import org.touchline.store.sqlite.SqliteStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which files of a data directory a backup holds, and how. The store is copied by SQLite; the two secret key files
 * ({@code node.key} signs checkpoints, {@code node.secrets} holds the master key that unwraps every customer's data
 * key and the identifier secret) go sealed, in clear only when asked, or not at all; everything else is settings a
 * restored node needs to resolve and score as the original did (identity rules and model, the rules in force,
 * contract admins, token catalogue, journey stages, trained models) and is copied as it is.
 */
final class BackupLayout {
    static final String STORE = SqliteStore.FILE;
    static final List<String> SECRET_KEYS = List.of("node.key", "node.secrets");
    /** Live files of a running store, and lock and temporary files: never part of a backup. */
    private static final Set<String> NOT_COPIED = Set.of(STORE, STORE + "-wal", STORE + "-shm", STORE + "-journal", "touchline.lock");

    private BackupLayout() {}

    /** Copies every settings file (not the store, not the secret keys) from {@code from} to {@code to}, keeping sub-folders. */
    static int copySettings(Path from, Path to) throws IOException {
        int[] n = {0};
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path rel = from.relativize(f);
                String name = rel.toString();
                if (NOT_COPIED.contains(name) || SECRET_KEYS.contains(name) || name.equals(KeyArchive.FILE) || name.endsWith(".tmp")) continue;
                Path target = to.resolve(rel);
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                n[0]++;
            }
        }
        return n[0];
    }

    /** Writes a secret file readable by its owner only, forced to disk. */
    static void writeSecret(Path file, byte[] content) throws IOException {
        try (var ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's permissions are what protects it
            }
            ch.write(ByteBuffer.wrap(content));
            ch.force(true);
        }
    }
}
