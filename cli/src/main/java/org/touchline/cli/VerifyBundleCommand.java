package org.touchline.cli;

import org.touchline.node.BundleVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "verify-bundle", description = {"Check an export bundle offline: the checkpoint's signature, every entry's inclusion proof,",
        "every personal part against its entry's commitment. Pin the log's key with --key (`touchline keys show` on the node)."})
final class VerifyBundleCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the export bundle (touchline export)") Path file;
    @Option(names = "--key", paramLabel = "VERIFIER_KEY", description = "the log's verifier key (name+hash+key); without it the bundle's own key is used")
    String key;

    @Override
    public Integer call() throws Exception {
        BundleVerifier.Report r = BundleVerifier.verify(Files.readAllBytes(file), key);
        System.out.printf("%s: %d entries, %d personal parts, checkpoint of size %d%n", r.customerId(), r.entries(), r.personalParts(), r.treeSize());
        r.problems().forEach(p -> System.out.println("  PROBLEM " + p));
        if (!r.ok()) {
            System.out.println("FAILED: the bundle does not verify.");
            return 1;
        }
        System.out.println(r.keyPinned() ? "OK: every entry is in the log signed by the pinned key, and every personal part is the one committed to."
                : "OK, but only against the key inside the bundle: pass --key with the log's verifier key to trust it.");
        return 0;
    }
}
