package org.touchline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code touchline spark ...}: the Spark batch jobs (module {@code spark}) in a JVM of their own. Spark and its
 * dependencies are some 300 MB of jars: inside touchline.jar they would make every command slower to start, so the
 * jobs run from {@code spark/target/touchline-spark.jar} with the jars listed in {@code spark/target/classpath.txt},
 * both made by the build. JVM options: $TOUCHLINE_SPARK_JAVA_OPTS (default -Xmx3g).
 */
@Command(name = "spark", description = {"Batch jobs on Apache Spark (local mode): export, resolve, apply, journeys, bench.",
        "Run `touchline spark help` for their options; docs/spark.md for spark-submit on a cluster."})
final class SparkCommand implements Callable<Integer> {
    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path target = sparkTarget();
        Path jar = target.resolve("touchline-spark.jar"), classpath = target.resolve("classpath.txt");
        if (!Files.exists(jar) || !Files.exists(classpath))
            throw new IllegalStateException("the Spark jobs are not built (no " + jar + "): run mvn -B -pl spark -am package -DskipTests");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = System.getenv("TOUCHLINE_SPARK_JAVA_OPTS");
        for (String o : (opts == null || opts.isBlank() ? "-Xmx3g" : opts).trim().split("\\s+")) command.add(o);
        command.add("-cp");
        String classPath = jar + File.pathSeparator + Files.readString(classpath).strip();
        // `touchline spark bench` is in module bench (benchmarks stay out of the jobs' jar): its jar joins when built.
        Path bench = target.getParent().resolveSibling("bench").resolve("target").resolve("touchline-bench.jar");
        if (Files.exists(bench)) classPath += File.pathSeparator + bench;
        command.add(classPath);
        command.add("org.touchline.spark.SparkJobs");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start().waitFor();
    }

    /** spark/target beside this jar's module (cli/target/touchline.jar), or $TOUCHLINE_SPARK_TARGET. */
    private static Path sparkTarget() {
        String env = System.getenv("TOUCHLINE_SPARK_TARGET");
        if (env != null && !env.isBlank()) return Path.of(env);
        try {
            Path self = Path.of(SparkCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // cli/target/touchline.jar, or cli/target/classes when run from the build
            return self.getParent().getParent().getParent().resolve("spark").resolve("target");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where touchline runs from: set TOUCHLINE_SPARK_TARGET to spark/target", e);
        }
    }
}
