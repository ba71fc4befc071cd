package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, at a small size: generate, ingest through the mappings, and leave a verifiable ledger. */
class DemoCommandTest {
    @TempDir Path dir;

    @Test
    void theDemoIngestsEverySourceAndLeavesALedgerThatVerifies() {
        String out = run("demo", "-d", dir.toString(), "--customers", "150", "--interactions", "6000", "--no-serve");
        assertThat(out).contains("crm", "callcentre", "pos", "digital", "engage", "fieldops", "social");
        assertThat(out).containsPattern("Ingested [0-9,]+ new interactions");
        assertThat(out).containsPattern("Recorded [0-9,]+ campaign offers to [0-9,]+ customers");
        String again = run("demo", "-d", dir.toString(), "--customers", "150", "--interactions", "6000", "--no-serve");
        assertThat(again).contains("Ingested 0 new interactions").doesNotContain("campaign offers");
        assertThat(run("verify", "-d", dir.toString())).contains("OK: the ledger verifies.");
        assertThat(run("keys", "show", "-d", dir.toString())).startsWith("touchline.local/ledger+");
    }

    @Test
    void aBadIdentifierIsAnErrorMessageNotAStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cl = Touchline.commandLine();
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cl.execute("customer", "-d", dir.toString(), "--identifier", "no-colon");
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("touchline: identifier must be written type:value")
                .doesNotContain("Exception", "\tat ");
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Touchline.commandLine().execute(args)).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
