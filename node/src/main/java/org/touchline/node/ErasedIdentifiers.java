package org.touchline.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The identifiers of erased people, as the identity index's keyed hashes (never their values), in {@value #FILE} in the
 * data directory. A record arriving later that carries one is refused, so an erasure is not undone by a late record, a
 * replayed batch or a resubmitted dead letter; the refusal keeps nothing of the record.
 */
public final class ErasedIdentifiers {
    public static final String FILE = "erased-identifiers";
    private final Path file;
    private volatile Set<String> keys;

    ErasedIdentifiers(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        this.keys = read(file);
    }

    /** True when no one was erased: the ingest path then checks nothing. */
    boolean none() { return keys.isEmpty(); }

    boolean contains(String identifierKey) { return keys.contains(identifierKey); }

    synchronized void add(Collection<String> identifierKeys) {
        Set<String> next = new HashSet<>(keys);
        StringBuilder lines = new StringBuilder();
        for (String k : identifierKeys) if (next.add(k)) lines.append(k).append('\n');
        if (lines.isEmpty()) return;
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        keys = Set.copyOf(next);
    }

    private static Set<String> read(Path f) {
        if (!Files.exists(f)) return Set.of();
        try {
            Set<String> out = new HashSet<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) if (!line.isBlank()) out.add(line.strip());
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }
}
