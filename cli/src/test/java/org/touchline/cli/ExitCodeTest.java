package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One meaning per exit code, whichever command: the table in docs/commands.md. */
class ExitCodeTest {
    @TempDir Path dir;

    @Test
    void an_unknown_option_is_a_usage_error() {
        assertThat(CommandRun.of("customer", "--no-such-option").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CommandRun.of("consent").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void a_wrong_value_is_a_usage_error_that_says_what_to_give() {
        CommandRun run = CommandRun.of("erase", "-d", dir.toString(), "cu_0000000000000000", "--actor", "me");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--yes");
    }

    @Test
    void what_does_not_exist_is_not_found_in_every_command() {
        assertThat(CommandRun.of("customer", "-d", dir.toString(), "-i", "email:nobody@example.com").exit()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(CommandRun.of("consent", "-d", dir.toString(), "cu_0000000000000000").exit()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(CommandRun.of("access", "revoke", "-d", dir.toString(), "abcdef").exit()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void a_missing_file_is_named_with_what_is_wrong() {
        CommandRun run = CommandRun.of("ingest", "-d", dir.toString(), "--ndjson", dir.resolve("missing.ndjson").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(run.err().strip()).isEqualTo("touchline: cannot read " + dir.resolve("missing.ndjson") + ": no such file");
    }

    @Test
    void some_records_refused_is_partial() throws Exception {
        Path file = dir.resolve("in.ndjson");
        Files.writeString(file, "{\"source\":\"crm\",\"sourceRecordId\":\"1\",\"occurredAt\":\"2026-01-01T10:00:00Z\",\"channel\":\"web\",\"type\":\"enquiry\","
                + "\"identifiers\":[{\"type\":\"email\",\"value\":\"ann@example.com\"}]}\n{\"source\":\"crm\",\"sourceRecordId\":\"2\",\"channel\":\"web\"}\n");
        CommandRun run = CommandRun.of("ingest", "-d", dir.resolve("data").toString(), "--ndjson", file.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.PARTIAL);
        assertThat(run.out()).contains("1 accepted").contains("1 refused");
    }

    @Test
    void a_check_that_fails_is_a_failure() throws Exception {
        Path bundle = dir.resolve("bundle.json");
        Files.writeString(bundle, "{}");
        assertThat(CommandRun.of("verify-bundle", bundle.toString()).exit()).isEqualTo(ExitCode.FAILURE);
    }
}
