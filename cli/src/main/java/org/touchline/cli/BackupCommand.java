package org.touchline.cli;

import org.touchline.domain.store.StoredCheckpoint;
import org.touchline.node.BackupSeal;
import org.touchline.node.NodeIdentity;
import org.touchline.store.sqlite.SqliteBackup;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "backup", description = {
        "Copy the node's store consistently while it may be serving (SQLite VACUUM INTO: one read transaction), with its",
        "settings; refused records (dead letters) go sealed under the master key like every personal part. The secret",
        "keys (node.key, node.secrets) go sealed under a passphrase (--passphrase-file), in clear only with",
        "--keys-in-clear, or not at all: keep them elsewhere then and give them to `touchline restore --keys`."})
final class BackupCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = "--to", required = true, paramLabel = "DIR", description = "a new directory to hold the backup") Path target;
    @ArgGroup(exclusive = true) Keys keys = new Keys();

    static final class Keys {
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "seal the secret keys under the passphrase on this file's first line")
        Path passphraseFile;
        @Option(names = "--keys-in-clear", description = "copy the secret keys as they are (the backup then unlocks every personal part it holds)")
        boolean inClear;
    }

    @Override
    public Integer call() throws Exception {
        data.requireSqlite("backup");
        Path dir = data.path();
        if (Files.exists(target) && (!Files.isDirectory(target) || Files.list(target).findAny().isPresent()))
            throw new IllegalArgumentException("the backup target " + target + " exists and is not an empty directory");
        Files.createDirectories(target);
        long started = System.nanoTime();
        Optional<StoredCheckpoint> checkpoint = SqliteBackup.copy(dir, target.resolve(BackupLayout.STORE));
        // Refused records are the one personal text the store keeps in clear: the copy holds them sealed.
        for (String k : BackupLayout.SECRET_KEYS)
            if (!Files.exists(dir.resolve(k))) throw new IllegalArgumentException(dir + " has no " + k + ": the backup seals refused records under the node's keys");
        BackupSeal seal = BackupSeal.of(NodeIdentity.openOrCreate(dir, null));
        int letters = SqliteBackup.rewriteDeadLetters(target.resolve(BackupLayout.STORE), seal::seal);
        int settings = BackupLayout.copySettings(dir, target);
        String keyNote;
        if (keys.passphraseFile != null) {
            Map<String, byte[]> secret = new LinkedHashMap<>();
            for (String k : BackupLayout.SECRET_KEYS) secret.put(k, Files.readAllBytes(dir.resolve(k)));
            KeyArchive.seal(secret, KeyArchive.passphrase(keys.passphraseFile), target.resolve(KeyArchive.FILE));
            keyNote = "the secret keys are sealed under the passphrase in " + KeyArchive.FILE;
        } else if (keys.inClear) {
            for (String k : BackupLayout.SECRET_KEYS) BackupLayout.writeSecret(target.resolve(k), Files.readAllBytes(dir.resolve(k)));
            keyNote = "the secret keys are IN CLEAR in the backup, as asked: whoever holds it can read every personal part in it";
        } else {
            keyNote = "the secret keys are NOT in the backup: keep " + String.join(" and ", BackupLayout.SECRET_KEYS) + " of " + dir
                    + " safe elsewhere; `touchline restore --keys DIR` needs them";
        }
        System.out.printf(Locale.ROOT, "Backed up %s to %s in %.1f s: %s, %,d dead letter(s) sealed, %d settings file(s); %s.%n", dir, target,
                (System.nanoTime() - started) / 1e9,
                checkpoint.map(c -> "the log up to its checkpoint at size " + c.size()).orElse("an empty log"), letters, settings, keyNote);
        return 0;
    }
}
