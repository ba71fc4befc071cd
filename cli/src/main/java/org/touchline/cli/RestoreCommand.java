package org.touchline.cli;

import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.store.sqlite.SqliteBackup;
import org.touchline.store.sqlite.SqliteIntegrity;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "restore", description = {
        "Make a new data directory from a `touchline backup`: the store (checked by SQLite first), the settings and the",
        "secret keys (unsealed with --passphrase-file, copied if the backup holds them in clear, or taken from --keys DIR).",
        "The restored node checks its log's head against its latest signed checkpoint before it says it is ready."})
final class RestoreCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--from", required = true, paramLabel = "BACKUP", description = "the backup directory") Path from;
    @ArgGroup(exclusive = true) Keys keys = new Keys();

    static final class Keys {
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "the passphrase the backup's keys were sealed under")
        Path passphraseFile;
        @Option(names = "--keys", paramLabel = "DIR", description = "take node.key and node.secrets from this directory (a backup made without keys)")
        Path keysDir;
    }

    @Override
    public Integer call() throws Exception {
        data.requireSqlite("restore");
        Path dir = data.path();
        Path store = from.resolve(BackupLayout.STORE);
        if (!Files.isRegularFile(store)) throw new IllegalArgumentException(from + " is not a touchline backup: it has no " + BackupLayout.STORE);
        if (Files.exists(dir.resolve(BackupLayout.STORE)))
            throw new IllegalArgumentException(dir + " already holds a store: restore into a new directory");
        for (String k : BackupLayout.SECRET_KEYS)
            if (Files.exists(dir.resolve(k))) throw new IllegalArgumentException(dir + " already holds " + k + ": restore into a new directory");
        List<String> damage = SqliteIntegrity.problems(store, SqliteIntegrity.Depth.FULL);
        if (!damage.isEmpty()) throw new IllegalArgumentException("the backup's store " + store + " is damaged: " + String.join("; ", damage));
        Map<String, byte[]> secret = secretKeys();
        Optional<StoredCheckpoint> expected = SqliteBackup.latestCheckpoint(store);

        Files.createDirectories(dir);
        // Copied under a temporary name and renamed: a restore cut short leaves no store that looks whole.
        Path tmp = dir.resolve(BackupLayout.STORE + ".tmp");
        Files.copy(store, tmp, StandardCopyOption.REPLACE_EXISTING);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(BackupLayout.STORE), StandardCopyOption.ATOMIC_MOVE);
        int settings = BackupLayout.copySettings(from, dir);
        for (String k : BackupLayout.SECRET_KEYS) BackupLayout.writeSecret(dir.resolve(k), secret.get(k));

        try (var open = data.open()) { // checks the head of the log against the latest signed checkpoint
            Optional<StoredCheckpoint> now = open.node().ledger().latestCheckpoint();
            if (!now.equals(expected)) throw new IllegalStateException("the restored store's latest checkpoint differs from the backup's");
            System.out.printf("Restored %s into %s: %,d entries, the latest signed checkpoint at size %,d as in the backup, %d settings file(s)."
                            + " Run `touchline verify -d %s` to check every entry.%n",
                    from, dir, open.node().ledger().size(), now.map(StoredCheckpoint::size).orElse(0L), settings, dir);
        }
        return 0;
    }

    private Map<String, byte[]> secretKeys() throws java.io.IOException {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        if (keys.keysDir != null) {
            for (String k : BackupLayout.SECRET_KEYS) out.put(k, Files.readAllBytes(keys.keysDir.resolve(k)));
        } else if (Files.exists(from.resolve(KeyArchive.FILE))) {
            if (keys.passphraseFile == null)
                throw new IllegalArgumentException("the backup's keys are sealed: give --passphrase-file FILE (or --keys DIR)");
            out.putAll(KeyArchive.open(from.resolve(KeyArchive.FILE), KeyArchive.passphrase(keys.passphraseFile)));
        } else if (Files.exists(from.resolve(BackupLayout.SECRET_KEYS.get(0)))) {
            for (String k : BackupLayout.SECRET_KEYS) out.put(k, Files.readAllBytes(from.resolve(k)));
        } else {
            throw new IllegalArgumentException("the backup holds no keys: give --keys DIR, the directory holding node.key and node.secrets");
        }
        for (String k : BackupLayout.SECRET_KEYS)
            if (out.get(k) == null) throw new IllegalArgumentException("the keys given lack " + k);
        return out;
    }
}
