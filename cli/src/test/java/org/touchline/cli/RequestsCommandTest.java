package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.node.spi.HttpFront;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code touchline requests} takes a data-subject request from filing to its proof, on the store alone and beside a
 * node that serves it (through its API), printing the same either way.
 */
class RequestsCommandTest {
    @TempDir Path dir;

    private static DataDirOption dataDir(Path data) {
        DataDirOption option = new DataDirOption();
        option.dataDir = data;
        return option;
    }

    private String customerIn(Path data) throws Exception {
        try (var open = dataDir(data).open()) {
            open.node().ingestion().one("{\"source\":\"crm\",\"sourceRecordId\":\"1\",\"occurredAt\":\"2026-01-01T10:00:00Z\",\"channel\":\"web\","
                    + "\"type\":\"enquiry\",\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"}],\"text\":\"hello\"}", "test");
            return open.node().customers().findByIdentifier(new Identifier("email", "ann@example.com")).orElseThrow();
        }
    }

    private static CommandRun ok(String... args) {
        CommandRun run = CommandRun.of(args);
        assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    /** Files an access request and takes it to its proof; answers the request's entry. */
    private String accessToItsProof(String data, String customer) throws Exception {
        CommandRun filed = ok("requests", "file", "access", "-d", data, "--customer", customer, "--channel", "letter", "--actor", "dpo");
        Matcher m = Pattern.compile("^request (\\d+)  access  awaiting_verification", Pattern.MULTILINE).matcher(filed.out());
        assertThat(m.find()).as(filed.out()).isTrue();
        String entry = m.group(1);
        ok("requests", "verify", entry, "-d", data, "--method", "called back", "--agent", "dpo");
        Path bundle = dir.resolve("bundle-" + entry + ".json");
        assertThat(ok("requests", "fulfil", entry, "-d", data, "--agent", "dpo", "-o", bundle.toString()).out()).contains("fulfilled").contains("export bundle");
        assertThat(Files.readString(bundle)).contains(customer);
        assertThat(ok("requests", "close", entry, "-d", data, "--agent", "dpo").out()).contains("closed").contains("outcome=fulfilled");
        Path proof = dir.resolve("proof-" + entry + ".json");
        assertThat(ok("requests", "proof", entry, "-d", data, "-o", proof.toString()).out()).contains("4 entries proven");
        assertThat(Files.readString(proof)).contains("c2sp.org/tlog-proof@v1");
        return entry;
    }

    @Test
    void aRequestGoesFromFilingToItsProofOnTheStoreAlone() throws Exception {
        Path data = dir.resolve("alone");
        String customer = customerIn(data);
        String entry = accessToItsProof(data.toString(), customer);
        assertThat(ok("requests", "list", "-d", data.toString(), "--status", "closed").out()).contains("request " + entry + "  access  closed");
        assertThat(ok("requests", "list", "-d", data.toString()).out()).contains("no requests");
    }

    @Test
    void aRequestGoesFromFilingToItsProofThroughTheServingNode() throws Exception {
        Path data = dir.resolve("served");
        String customer = customerIn(data);
        try (var open = dataDir(data).open(); HttpFront.Api server = HttpFront.find().of(open.node(), null, false).start("127.0.0.1", 0)) {
            String entry = accessToItsProof(data.toString(), customer);
            assertThat(open.node().requests(Clock.systemUTC()).get(Long.parseLong(entry)).status()).isEqualTo("closed");
        }
    }

    /** Files an access request naming only the requester's email; answers the filing's entry. */
    private long fileByIdentifier(Path data) {
        CommandRun filed = ok("requests", "file", "access", "-d", data.toString(), "--identifier", "email:Ann@Example.com",
                "--channel", "email", "--actor", "dpo");
        Matcher m = Pattern.compile("^request (\\d+)  access  awaiting_verification", Pattern.MULTILINE).matcher(filed.out());
        assertThat(m.find()).as(filed.out()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void aRequestFiledByTheRequestersIdentifierFindsTheirCustomerOnTheStoreAlone() throws Exception {
        Path data = dir.resolve("by-identifier-alone");
        String customer = customerIn(data);
        long entry = fileByIdentifier(data);
        try (var open = dataDir(data).open()) {
            assertThat(open.node().requests(Clock.systemUTC()).get(entry).customer()).isEqualTo(customer);
        }
    }

    @Test
    void aRequestFiledByTheRequestersIdentifierFindsTheirCustomerThroughTheServingNode() throws Exception {
        Path data = dir.resolve("by-identifier-served");
        String customer = customerIn(data);
        try (var open = dataDir(data).open(); HttpFront.Api server = HttpFront.find().of(open.node(), null, false).start("127.0.0.1", 0)) {
            assertThat(open.node().requests(Clock.systemUTC()).get(fileByIdentifier(data)).customer()).isEqualTo(customer);
        }
    }

    @Test
    void anIdentifierWithoutItsTypeIsRefusedSayingHowToWriteIt() throws Exception {
        Path data = dir.resolve("bad-identifier");
        customerIn(data);
        CommandRun run = CommandRun.of("requests", "file", "access", "-d", data.toString(), "--identifier", "ann@example.com",
                "--channel", "email", "--actor", "dpo");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("type:value").doesNotContain("Exception");
        try (var open = dataDir(data).open()) {
            assertThat(open.node().requests(Clock.systemUTC()).list(List.of(), null, 10)).isEmpty();
        }
    }

    @Test
    void aStepTheRequestDoesNotAllowIsRefusedSayingWhy() throws Exception {
        Path data = dir.resolve("refused");
        String customer = customerIn(data);
        CommandRun filed = ok("requests", "file", "erasure", "-d", data.toString(), "--customer", customer, "--channel", "letter", "--actor", "dpo");
        String entry = filed.out().split(" ")[1];
        CommandRun early = CommandRun.of("requests", "fulfil", entry, "-d", data.toString(), "--agent", "dpo");
        assertThat(early.exit()).isNotZero();
        assertThat(early.err()).contains("awaiting_verification").doesNotContain("Exception");
    }
}
