package org.touchline.cli;

import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.node.BackupSeal;
import org.touchline.node.NodeIdentity;
import org.touchline.store.sqlite.SqliteReadOnlyStore;
import org.touchline.store.sqlite.SqliteBackup;
import org.touchline.store.sqlite.SqliteIntegrity;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "restore", description = {
        "Make a new data directory from a `touchline backup`: the store (checked by SQLite first), the settings and the",
        "secret keys (unsealed with --passphrase-file, copied if the backup holds them in clear, or taken from --keys DIR).",
        "The restored node checks its log's head against its latest signed checkpoint before it says it is ready, and",
        "re-applies the erasures --erasures-from holds that the backup predates, so no one erased since comes back."})
final class RestoreCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--from", required = true, paramLabel = "BACKUP", description = "the backup directory") Path from;
    @ArgGroup(exclusive = true) Keys keys = new Keys();
    @Option(names = "--erasures-from", paramLabel = "PATH", description = {
            "erasures to re-apply: a data directory (the live node's, a cluster peer's, a later backup's) whose erased",
            "identifiers are read, or a file of keyed hashes, one a line"})
    Path erasuresFrom;

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
        try (var ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(BackupLayout.STORE), StandardCopyOption.ATOMIC_MOVE);
        int settings = BackupLayout.copySettings(from, dir);
        for (String k : BackupLayout.SECRET_KEYS) BackupLayout.writeSecret(dir.resolve(k), secret.get(k));
        int letters = SqliteBackup.rewriteDeadLetters(dir.resolve(BackupLayout.STORE), BackupSeal.of(NodeIdentity.openOrCreate(dir, null))::open);

        try (var open = data.open()) { // checks the head of the log against the latest signed checkpoint
            Optional<StoredCheckpoint> now = open.node().ledger().latestCheckpoint();
            if (!now.equals(expected)) throw new IllegalStateException("the restored store's latest checkpoint differs from the backup's");
            System.out.printf("Restored %s into %s: %,d entries, the latest signed checkpoint at size %,d as in the backup, %,d dead letter(s),"
                            + " %d settings file(s).%n", from, dir, open.node().ledger().size(), now.map(StoredCheckpoint::size).orElse(0L), letters, settings);
            if (erasuresFrom == null) {
                System.out.println("No erasure was re-applied: a person erased after this backup was taken is back in the restored node. Before it"
                        + " serves, run `touchline restore` again with --erasures-from LIVE_DATA_DIR (or a cluster peer's, or a later backup's).");
            } else {
                Set<String> keys = erasedIdentifiers(erasuresFrom);
                var done = open.node().customerEvents().reapplyErasures(keys, "touchline restore");
                System.out.printf("Erasures re-applied from %s: %,d erased identifier(s), %,d already erased in the backup, %,d customer(s) erased now,"
                        + " %,d identifier(s) of people the backup did not hold recorded as erased.%n", erasuresFrom, keys.size(), done.alreadyErased(),
                        done.customers().size(), done.keysWithoutCustomer());
            }
            System.out.printf("Run `touchline verify -d %s` to check every entry.%n", dir);
        }
        return 0;
    }

    /** The erased identifiers' keyed hashes in a data directory's store, or in a file of them, one a line. */
    private static Set<String> erasedIdentifiers(Path from) throws IOException {
        Set<String> keys = new TreeSet<>();
        if (Files.isDirectory(from)) {
            if (!Files.exists(from.resolve(BackupLayout.STORE))) throw new IllegalArgumentException(from + " holds no store to read erasures from");
            try (SqliteReadOnlyStore store = new SqliteReadOnlyStore(from)) {
                store.projections().loadErasedIdentifiers(e -> keys.add(e.identifierKey()));
            }
        } else {
            int n = 0;
            for (String line : Files.readAllLines(from, StandardCharsets.UTF_8)) {
                n++;
                String k = line.strip();
                if (k.isEmpty() || k.startsWith("#")) continue;
                if (!k.matches("[A-Za-z0-9_-]{27}")) throw new IllegalArgumentException(from + " line " + n + ": not an erased identifier's keyed hash");
                keys.add(k);
            }
        }
        return keys;
    }

    private Map<String, byte[]> secretKeys() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
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
