package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code serve} setting from the command line, the environment or the data directory's file, in that order. */
class ServeSettingsTest {
    @TempDir Path dir;

    /** The {@code touchline} command as {@link Touchline} builds it, its {@code serve} reading {@code environment} instead of the process's. */
    private static CommandLine touchline(Map<String, String> environment) {
        CommandLine touchline = Touchline.commandLine();
        CommandLine serve = touchline.getSubcommands().get("serve");
        serve.setDefaultValueProvider(ServeCommand.settings(serve.getCommand(), environment));
        return touchline;
    }

    private static ServeCommand parsed(Map<String, String> environment, String... args) {
        CommandLine touchline = touchline(environment);
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        touchline.parseArgs(all);
        return touchline.getSubcommands().get("serve").getCommand();
    }

    private void file(String text) throws Exception { Files.writeString(dir.resolve(ServeSettings.FILE), text, StandardCharsets.UTF_8); }

    @Test
    void the_command_line_wins_over_the_environment_which_wins_over_the_file_which_wins_over_the_default() throws Exception {
        file("port=7001\nhost=0.0.0.0\ntopic-prefix=from-file-\nkafka=file:9092\n");
        Map<String, String> env = Map.of("TOUCHLINE_DATA", dir.toString(), "TOUCHLINE_PORT", "7002", "TOUCHLINE_KAFKA", "env:9092");
        ServeCommand s = parsed(env, "--port", "7003");
        assertThat(s.port).isEqualTo(7003);              // flag
        assertThat(s.kafka).isEqualTo("env:9092");       // environment over file
        assertThat(s.host).isEqualTo("0.0.0.0");         // file over default
        assertThat(s.topicPrefix).isEqualTo("from-file-");
        assertThat(s.insecureOpen).isFalse();            // default
        assertThat(s.logFormat).isEqualTo(LibraryLogging.Format.text);
    }

    @Test
    void every_option_has_its_variable_switches_included() throws Exception {
        Map<String, String> env = Map.of("TOUCHLINE_DATA", dir.toString(), "TOUCHLINE_HOST", "0.0.0.0", "TOUCHLINE_PORT", "9090",
                "TOUCHLINE_CLUSTER", "true", "TOUCHLINE_KAFKA", "k:9092", "TOUCHLINE_TOPIC_PREFIX", "p-", "TOUCHLINE_NO_BACKGROUND_VERIFY", "true",
                "TOUCHLINE_STORE", "postgresql://db:5432/touchline?user=t", "TOUCHLINE_LOG_FORMAT", "json");
        ServeCommand s = parsed(env);
        assertThat(s.host).isEqualTo("0.0.0.0");
        assertThat(s.port).isEqualTo(9090);
        assertThat(s.cluster).isTrue();
        assertThat(s.kafka).isEqualTo("k:9092");
        assertThat(s.topicPrefix).isEqualTo("p-");
        assertThat(s.noVerify).isTrue();
        assertThat(s.data.store).isEqualTo("postgresql://db:5432/touchline?user=t");
        assertThat(s.logFormat).isEqualTo(LibraryLogging.Format.json);
    }

    @Test
    void the_file_is_read_from_the_data_directory_the_command_line_names() throws Exception {
        file("port=7101\n");
        assertThat(parsed(Map.of(), "--data-dir", dir.toString()).port).isEqualTo(7101);
        assertThat(parsed(Map.of()).port).isEqualTo(8080);   // ./touchline-data has no such file
    }

    private String refusal(Map<String, String> environment) {
        CommandLine touchline = touchline(environment);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        touchline.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        assertThat(touchline.execute("serve", "--data-dir", dir.toString(), "--port", "0")).isNotZero();
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void an_unknown_key_in_the_file_is_refused_by_name() throws Exception {
        file("port=7001\nprot=7002\n");
        assertThat(refusal(Map.of())).contains(ServeSettings.FILE, "'prot' is not a setting of `touchline serve`", "port", "kafka");
    }

    @Test
    void an_unknown_touchline_variable_is_refused_by_name_and_the_others_are_left_alone() {
        assertThat(refusal(Map.of("TOUCHLINE_PROT", "7002", "TOUCHLINE_DEBUG", "1", "PATH", "/bin")))
                .contains("TOUCHLINE_PROT is not a setting of `touchline serve`", "TOUCHLINE_PORT");
    }

    @Test
    void a_bad_value_from_the_environment_is_a_clear_error() {
        CommandLine touchline = touchline(Map.of("TOUCHLINE_LOG_FORMAT", "xml"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        touchline.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        assertThat(touchline.execute("serve", "--data-dir", dir.toString())).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--log-format", "xml").doesNotContain("\tat ");
    }
}
