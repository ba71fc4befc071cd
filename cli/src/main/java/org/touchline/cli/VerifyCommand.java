package org.touchline.cli;

import org.touchline.node.VerifyReport;
import org.touchline.store.sqlite.SqliteIntegrity;
import org.touchline.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "verify", description = {
        "Recompute everything from storage: leaf hashes, the tree, checkpoint and batch signatures, and the commitments",
        "of personal parts that still exist; then rebuild every projection from the ledger into a scratch store and",
        "compare it with the stored one row by row. Names the first bad index or row; exits 1 if anything was altered."})
final class VerifyCommand implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Override
    public Integer call() throws Exception {
        // SQLite's structural check first: a file with broken pages cannot be read far enough to verify the ledger.
        var damage = SqliteIntegrity.problems(data.path().resolve(SqliteStore.FILE),
                SqliteIntegrity.Depth.FULL);
        if (!damage.isEmpty()) {
            System.out.println("FAILED: the store file is damaged; SQLite's integrity check reports " + damage.size() + " problem(s):");
            damage.forEach(p -> System.out.println("  - " + p));
            System.out.println("Restore the data directory from a backup (`touchline restore`).");
            return 1;
        }
        try (var open = data.openToReadUnchecked()) {
            VerifyReport r = open.node().verify(new ConsoleProgress(System.out));
            System.out.printf(Locale.ROOT, "%,d entries, %,d tree hashes, %,d checkpoints, %,d batches, %,d personal parts checked (%,d erased)%n",
                    r.entries(), r.treeHashes(), r.checkpoints(), r.batches(), r.partsChecked(), r.partsErased());
            if (!r.ok()) {
                System.out.println("FAILED: first bad index " + r.firstBadIndex() + "; " + r.problems().size() + " problem(s):");
                r.problems().forEach(p -> System.out.println("  - " + p));
                return 1;
            }
            System.out.println("OK: the ledger verifies.");
            try (var scratch = new ScratchProjections()) {
                var check = open.node().projectionCheck().run(scratch, new ConsoleProgress(System.out)).orElseThrow();
                if (check.ok()) {
                    System.out.printf(Locale.ROOT, "OK: every projection is what the ledger gives (%,d entries replayed, about %,d rows compared).%n",
                            check.ledgerSize(), check.rowsCompared());
                    return 0;
                }
                System.out.println("FAILED: " + check.firstDifference().get());
                System.out.println("Recompute the projections from the ledger with `touchline rebuild`.");
                return 1;
            }
        }
    }
}
