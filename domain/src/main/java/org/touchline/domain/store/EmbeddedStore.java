package org.touchline.domain.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The store a node keeps in one file of its data directory, the embedded default: opened, copied while its node
 * writes, and re-keyed as a file. The module that provides it registers it in {@code META-INF/services}; a module that
 * opens and copies stores without caring which engine holds them (the cluster's snapshots) finds it through
 * {@link ServiceLoader} and compiles against these interfaces only.
 */
public interface EmbeddedStore {
    /** The store file's name in a data directory. */
    String fileName();

    /** The store of {@code dataDir}, made on first use; one process holds a data directory at a time. */
    NodeStore open(Path dataDir);

    /** Writes a consistent copy of the store in {@code dataDir} to {@code target} (which must not exist yet); returns its latest checkpoint. */
    Optional<StoredCheckpoint> copy(Path dataDir, Path target);

    /** The latest signed checkpoint a store file holds, read without opening it as a store. */
    Optional<StoredCheckpoint> latestCheckpoint(Path storeFile);

    /** Replaces every signed note (checkpoints and batch notes) of a store file no node has open by {@code resign(note)}, in one transaction. */
    void resignNotes(Path storeFile, UnaryOperator<String> resign);

    /**
     * Replaces, in one transaction, every wrapped data key of a store file no node has open by
     * {@code dataKey(keyId, wrapped)} and every sealed match profile by {@code profile(customer, sealed)}; returns how
     * many data keys were re-wrapped.
     */
    int rekey(Path storeFile, BiFunction<String, byte[], byte[]> dataKey, BiFunction<String, byte[], byte[]> profile);

    /** The embedded store on the class path; refused, saying so, when no store module is there. */
    static EmbeddedStore find() {
        return ServiceLoader.load(EmbeddedStore.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no embedded store on the class path: the SQLite store module (touchline-store-sqlite) must be beside the node"));
    }
}
