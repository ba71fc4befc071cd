package org.touchline.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README and the pages under docs/ show must run: a small demo is started as a newcomer starts it, and
 * every {@code sh} block of the documents below, read from the files at test time, runs in bash beside it, command by
 * command. A block that cannot run here says why on a {@code <!-- readme-test: skip: REASON -->} line just above it.
 *
 * <p>The conventions: {@code ./touchline} is this build's command (a launcher on the test's class path) in a directory
 * whose {@code touchline-data} is the demo's; {@code 127.0.0.1:8080} is the demo's address; EMAIL, CUSTOMER_ID,
 * OTHER_CUSTOMER_ID and REVIEW_ENTRY are filled from the running demo; lines starting {@code ./touchline demo} are the
 * demo the test already started. {@code curl} fails on any answer but 2xx and on an empty body.
 *
 * <p>It runs once, as {@code BenchReadmeTest} in the bench module, where every command {@code ./touchline} offers is
 * on the class path (the bench commands included); a run here would be the same demo and blocks over again, with the
 * bench lines left out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReadmeTest {
    /**
     * The documents whose shell blocks are run, from the repository root, in this order: each page defines what it
     * uses (its token, its API address), and the erasure of CUSTOMER_ID in the security page comes after every page
     * that reads that customer.
     */
    static final List<String> DOCUMENTS = List.of("README.md", "docs/api.md", "docs/ingest.md", "docs/events.md", "docs/analytics.md",
            "docs/intelligence.md", "docs/operations.md", "docs/commands.md", "docs/scale.md", "docs/audiences.md", "docs/requests.md",
            "docs/security.md", "docs/identity.md", "docs/cluster.md", "docs/spark.md", "docs/pages.md", "docs/architecture.md",
            "docs/README.md", "docs/maintaining.md", "docs/destinations.md");
    /** Pages that record measurements: their commands run for minutes to hours, each on a machine of its own. */
    static final List<String> RECORDS = List.of("docs/benchmarks.md", "docs/reliability.md");
    private static final Pattern SKIP = Pattern.compile("<!--\\s*readme-test:\\s*skip:\\s*(\\S.*?)\\s*-->");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\w*)\\s*$");

    @TempDir static Path work;
    private Process demo;
    private int port;
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final StringBuilder demoOutput = new StringBuilder();

    /** A shell block of a document: where it starts, its text, and why it is skipped (null: it runs). */
    record Block(String document, int line, String text, String skipped) {}

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("README.md"))) p = p.getParent();
        return p;
    }

    static List<Block> blocks(String document) throws IOException {
        List<String> lines = Files.readAllLines(root().resolve(document), StandardCharsets.UTF_8);
        List<Block> out = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            Matcher open = FENCE.matcher(lines.get(k));
            if (!open.matches()) continue;
            String lang = open.group(2);
            int start = k;
            StringBuilder text = new StringBuilder();
            for (k++; k < lines.size() && !lines.get(k).strip().equals("```"); k++) text.append(lines.get(k).strip().isEmpty() ? "" : lines.get(k).substring(Math.min(open.group(1).length(), lines.get(k).length() - lines.get(k).stripLeading().length()))).append('\n');
            if (!lang.equals("sh") && !lang.equals("bash")) continue;
            String skipped = null;
            for (int b = start - 1; b >= 0 && b >= start - 2; b--) {
                Matcher m = SKIP.matcher(lines.get(b));
                if (m.find()) skipped = m.group(1);
            }
            out.add(new Block(document, start + 1, text.toString(), skipped));
        }
        return out;
    }

    @BeforeAll
    void startTheDemo() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path launcher = work.resolve("touchline");
        Files.writeString(launcher, "#!/usr/bin/env bash\nexec \"" + Path.of(System.getProperty("java.home"), "bin", "java") + "\" -Xmx512m ${JAVA_OPTS:-} -cp '"
                + System.getProperty("java.class.path") + "' org.touchline.cli.Touchline \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        demo = new ProcessBuilder(launcher.toString(), "demo", "--customers", "400", "--interactions", "12000", "--port", Integer.toString(port))
                .directory(work.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        String email = null;
        for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
            demoOutput.append(line).append('\n');
            Matcher m = Pattern.compile("#identifier=(email:\\S+)").matcher(line);
            if (m.find()) email = m.group(1);
            if (line.startsWith("Touchline is serving")) break;
        }
        assertThat(demoOutput.toString()).as("the demo serves; it printed:\n" + demoOutput).contains("Touchline is serving");
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "demo-output");
        drain.setDaemon(true);
        drain.start();
        placeholders.put("EMAIL", email);
        placeholders.put("CUSTOMER_ID", firstMatch(run("./touchline customer --identifier " + email), "^(cu_[0-9a-f]+):"));
        String review = run("./touchline identity reviews --limit 1");
        Matcher r = Pattern.compile("entry (\\d+)\\s+(cu_[0-9a-f]+) ~ (cu_[0-9a-f]+)").matcher(review);
        assertThat(r.find()).as("the demo has a review: " + review).isTrue();
        placeholders.put("REVIEW_ENTRY", r.group(1));
        placeholders.put("OTHER_CUSTOMER_ID", r.group(3));
    }

    @AfterAll
    void stopTheDemo() throws Exception {
        if (demo != null) {
            demo.destroy();
            if (!demo.waitFor(30, TimeUnit.SECONDS)) demo.destroyForcibly();
        }
    }

    private static String firstMatch(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as(regex + " in:\n" + text).isTrue();
        return m.group(1);
    }

    /** Runs a script in bash in the work directory; its output, or a failure naming the command that failed. */
    private String run(String script) throws Exception {
        String prelude = """
                set -euo pipefail
                trap 'echo "README TEST: this command failed: $BASH_COMMAND" >&2' ERR
                trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
                curl() {
                  local out
                  out=$(command curl -sS --fail-with-body "$@") || { echo "$out" >&2; return 1; }
                  [ -n "$out" ] || { echo "README TEST: empty answer from curl $*" >&2; return 1; }
                  printf '%s\\n' "$out"
                }
                """;
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", prelude + script).directory(work.toFile()).redirectErrorStream(true);
        // Commands are short runs: the quick compiler starts them sooner (the demo node keeps the JVM's defaults).
        pb.environment().put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process p = pb.start();
        String output;
        try (var in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("exit code of:\n" + script + "\n--- output:\n" + output).isZero();
        return output;
    }

    /** The block as the test runs it: the demo already started, its address and the placeholders filled in. */
    private String prepared(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("./touchline demo")) continue;
            // A command this class path's touchline does not have is left to the module that adds it: the benchmarks
            // are module bench's, whose BenchReadmeTest runs the documents again with them.
            if (!onThisClassPath(line)) continue;
            String l = line.replace("127.0.0.1:8080", "127.0.0.1:" + port);
            // Longest first: CUSTOMER_ID is also the end of OTHER_CUSTOMER_ID.
            for (String key : placeholders.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList())
                l = l.replace(key, placeholders.get(key));
            b.append(l).append('\n');
        }
        return b.toString();
    }

    @Test
    void every_page_under_docs_is_run_or_is_a_record_of_measurements() throws IOException {
        List<String> pages;
        try (Stream<Path> files = Files.list(root().resolve("docs"))) {
            pages = files.map(f -> "docs/" + f.getFileName()).filter(f -> f.endsWith(".md")).sorted().toList();
        }
        assertThat(pages).as("a new page goes into DOCUMENTS (its commands then run) or RECORDS")
                .allMatch(page -> DOCUMENTS.contains(page) || RECORDS.contains(page));
    }

    /** Whether a line's {@code ./touchline COMMAND [SUBCOMMAND]} is in the command tree on this class path. */
    private static boolean onThisClassPath(String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length < 2 || !words[0].equals("./touchline") || words[1].startsWith("-")) return true;
        CommandLine command = Touchline.commandLine().getSubcommands().get(words[1]);
        if (command == null) return false;
        boolean grouped = !command.getSubcommands().isEmpty() && !(command.getCommandSpec().userObject() instanceof SparkCommand);
        return !grouped || words.length < 3 || words[2].startsWith("-") || command.getSubcommands().containsKey(words[2]);
    }

    @TestFactory
    Stream<DynamicTest> every_shell_block_of_the_documents_runs_beside_the_demo() throws IOException {
        List<Block> all = new ArrayList<>();
        for (String d : DOCUMENTS) all.addAll(blocks(d));
        assertThat(all).as("the documents show commands").isNotEmpty();
        // Blocks of a document share the shell's variables in order (TOKEN from one is used by the next), so each block
        // runs after the variable assignments of the blocks above it in the same document; a page never relies on
        // another page's variables, as its reader would not have them.
        List<DynamicTest> tests = new ArrayList<>();
        StringBuilder before = new StringBuilder();
        String document = null;
        for (Block b : all) {
            if (!b.document().equals(document)) {
                document = b.document();
                before.setLength(0);
            }
            if (b.skipped() != null) continue;
            String script = before + prepared(b.text());
            before.append(prepared(b.text()).lines().filter(l -> l.matches("^\\s*[A-Z_]+=.*")).map(l -> l + "\n").reduce("", String::concat));
            tests.add(DynamicTest.dynamicTest(b.document() + " line " + b.line(), () -> run(script)));
        }
        return tests.stream();
    }
}
