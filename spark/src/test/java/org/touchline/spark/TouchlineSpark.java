package org.touchline.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code touchline spark JOB ...} as a user runs it: {@code java -jar cli/target/touchline.jar spark ...}, whose launcher
 * starts the jobs' JVM on {@code spark/target/touchline-spark.jar} and the jars in {@code spark/target/classpath.txt}.
 * So a jar missing from that class path fails here as it fails for the user, which the module's own test class path
 * (everything Maven resolves) would hide.
 */
final class TouchlineSpark {
    private static final long JOB_MINUTES = 3;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path touchlineJar, dir;

    /** @param dir where each run's standard output and log (standard error) go */
    TouchlineSpark(Path touchlineJar, Path dir) {
        this.touchlineJar = touchlineJar;
        this.dir = dir;
    }

    StandaloneCluster.Submitted run(String... args) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int n = RUNS.incrementAndGet();
        Path out = dir.resolve("touchline-spark-" + n + ".out"), log = dir.resolve("touchline-spark-" + n + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", touchlineJar.toString(), "spark"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(log.toFile());
        // The jobs' JVM options, as a user sets them; short-lived on 2 shared cores: C1 only and one GC thread.
        pb.environment().put("TOUCHLINE_SPARK_JAVA_OPTS", "-Xmx1g " + StandaloneCluster.QUICK_JVM);
        Process p = pb.start();
        try {
            if (!p.waitFor(JOB_MINUTES, TimeUnit.MINUTES))
                throw new IllegalStateException("touchline spark " + String.join(" ", args) + " still running after " + JOB_MINUTES + " minutes; log: " + log);
            return new StandaloneCluster.Submitted(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), log);
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }
}
