package org.touchline.ledger;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Go with golang.org/x/mod/sumdb/tlog and note (Debian packages golang-go and golang-golang-x-mod-dev, GOPATH mode):
 * the independent implementation our interoperability tests check against. Shared with other modules' tests through
 * this module's test jar.
 *
 * <p>Missing Go skips the calling test, unless TOUCHLINE_REQUIRE_GO=1 (CI), when it fails instead. TOUCHLINE_GO may
 * name the go binary.
 */
public final class GoTlog {
    static final Path GOPATH = Path.of("/usr/share/gocode");
    private final Path go;

    private GoTlog(Path go) { this.go = go; }

    /** Go and x/mod, or the calling test is skipped (or failed, under TOUCHLINE_REQUIRE_GO=1). */
    public static GoTlog requireOrSkip() {
        Path go = findGo();
        requireOrSkip(go != null, "go was not found (install golang-go, or set TOUCHLINE_GO)");
        requireOrSkip(Files.isDirectory(GOPATH.resolve("src/golang.org/x/mod/sumdb/tlog")),
                "golang.org/x/mod is not under " + GOPATH + " (install golang-golang-x-mod-dev)");
        return new GoTlog(go);
    }

    /**
     * Runs {@code go run} over the program's files and this module's {@code common.go} (Go wants them in one
     * directory, so they are copied next to the input) with {@code input} as its argument; the output if it exited 0,
     * else an AssertionError carrying the output.
     */
    public String run(Path program, Path input) throws Exception {
        Path src = Files.createDirectories(input.getParent().resolve("go-src"));
        Path main = Files.copy(program, src.resolve(program.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path common = Files.writeString(src.resolve("common.go"), commonSource(), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(go.toString(), "run", main.toString(), common.toString(), input.toString())
                .directory(input.getParent().toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GOPATH", GOPATH.toString());
        env.put("GO111MODULE", "off");
        env.put("GOFLAGS", "");
        env.put("GOCACHE", Path.of("target", "gocache").toAbsolutePath().toString()); // kept across runs, removed by mvn clean
        env.put("GOTOOLCHAIN", "local");
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("go run did not finish in 300 s");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) throw new AssertionError("go run exited " + process.exitValue() + ":\n" + output);
        return output;
    }

    /** common.go from this module's sources, or from the test jar when another module runs a check. */
    private static String commonSource() throws IOException {
        try (var in = GoTlog.class.getResourceAsStream("/go/common.go")) {
            if (in == null) throw new AssertionError("go/common.go is not on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** TOUCHLINE_GO names the go binary explicitly; otherwise PATH and Debian's /usr/lib/go/bin. */
    private static Path findGo() {
        String explicit = System.getenv("TOUCHLINE_GO");
        if (explicit != null && !explicit.isEmpty()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(File.pathSeparator)));
        dirs.add("/usr/lib/go/bin");
        dirs.add("/usr/local/go/bin");
        for (String dir : dirs) {
            Path candidate = Path.of(dir, "go");
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static void requireOrSkip(boolean present, String message) {
        if (present) return;
        if ("1".equals(System.getenv("TOUCHLINE_REQUIRE_GO")))
            fail(message + ", and TOUCHLINE_REQUIRE_GO=1 requires the Go interoperability check");
        Assumptions.assumeTrue(false, message + "; skipping the Go interoperability check");
    }
}
