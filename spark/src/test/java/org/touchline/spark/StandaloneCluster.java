package org.touchline.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Spark standalone cluster on loopback, started as {@code sbin/start-master.sh} and {@code sbin/start-worker.sh} start
 * one: a Master and a Worker JVM on nothing but {@code SPARK_HOME/jars}, the worker launching each application's
 * executors as JVMs of their own. {@link #submit} is {@code bin/spark-submit} (SparkSubmit, client deploy mode). Every
 * JVM it starts is ended on {@link #close}, or by a shutdown hook if the test JVM ends first.
 */
final class StandaloneCluster implements AutoCloseable {
    /** JVM options for the cluster's short-lived JVMs on a few shared cores: C1 only, one GC thread. */
    static final String QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    private static final Duration BOOT = Duration.ofSeconds(60), JOB = Duration.ofMinutes(3);

    private final Path home, dir;
    private final int port;
    private final Map<String, Process> daemons = new LinkedHashMap<>();
    private final Set<Process> drivers = ConcurrentHashMap.newKeySet();
    private final Thread reaper = new Thread(this::stop, "standalone-cluster-reaper");
    private final AtomicInteger submitted = new AtomicInteger();

    private StandaloneCluster(Path home, Path dir, int port) {
        this.home = home;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts a master and waits until it leads, then starts a worker with {@code cores} and {@code memory} for
     * executors; the first {@link #submit} waits for the worker to register.
     */
    static StandaloneCluster start(Path sparkHome, Path dir, int cores, String memory) throws IOException, InterruptedException {
        if (!Files.isDirectory(sparkHome.resolve("jars")))
            throw new IllegalStateException(sparkHome + "/jars: no Spark jars (the spark module's build resolves them: mvn verify)");
        Files.createDirectories(dir.resolve("work"));
        StandaloneCluster cluster = new StandaloneCluster(sparkHome, dir, freePort());
        Runtime.getRuntime().addShutdownHook(cluster.reaper);
        try {
            cluster.daemon("master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.port), "--webui-port", String.valueOf(freePort()));
            cluster.awaitLine("master", "I have been elected leader");
            cluster.daemon("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--webui-port", String.valueOf(freePort()), "--cores", String.valueOf(cores), "--memory", memory,
                    "--work-dir", dir.resolve("work").toString(), cluster.masterUrl());
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    String masterUrl() { return "spark://127.0.0.1:" + port; }

    /** The worker's directory: one {@code app-*} directory per application, one directory per executor under it. */
    Path work() { return dir.resolve("work"); }

    /** What a submitted application printed: its standard output and the file holding its log (standard error). */
    record Submitted(int exit, String out, Path log) {
        String logTail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * {@code spark-submit --master spark://127.0.0.1:PORT --deploy-mode client ARGS}: the driver in a JVM of its own on
     * Spark's jars, as bin/spark-submit runs it.
     */
    Submitted submit(List<String> args) throws IOException, InterruptedException {
        awaitLine("worker", "Successfully registered with master");
        int n = submitted.incrementAndGet();
        Path out = dir.resolve("driver-" + n + ".out"), log = dir.resolve("driver-" + n + ".log");
        List<String> command = java("-Xmx768m", "org.apache.spark.deploy.SparkSubmit");
        command.addAll(List.of("--master", masterUrl(), "--deploy-mode", "client"));
        command.addAll(args);
        Process driver = sparkProcess(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        drivers.add(driver);
        try {
            if (!driver.waitFor(JOB.toSeconds(), TimeUnit.SECONDS))
                throw new IllegalStateException("spark-submit " + args + " still running after " + JOB + "; log: " + log);
            return new Submitted(driver.exitValue(), Files.readString(out, StandardCharsets.UTF_8), log);
        } finally {
            end(driver);
            drivers.remove(driver);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    /** Drivers still running, the worker (it ends its executors), then the master. */
    private synchronized void stop() {
        drivers.forEach(StandaloneCluster::end);
        List<Process> started = new ArrayList<>(daemons.values());
        for (int i = started.size() - 1; i >= 0; i--) end(started.get(i));
        daemons.clear();
    }

    private static void end(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void daemon(String name, String mainClass, String... args) throws IOException {
        List<String> command = java("-Xmx256m", mainClass);
        command.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        synchronized (this) {
            daemons.put(name, sparkProcess(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
    }

    private List<String> java(String heap, String mainClass) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap));
        command.addAll(List.of(QUICK_JVM.split(" ")));
        command.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
        return command;
    }

    /** The environment Spark's scripts give its JVMs (conf/spark-env.sh and bin/load-spark-env.sh). */
    private ProcessBuilder sparkProcess(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("SPARK_HOME", home.toAbsolutePath().toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // Exported by load-spark-env.sh; without it the worker cannot build an executor's class path ("Cannot find any
        // build directories").
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb;
    }

    private void awaitLine(String daemon, String line) throws IOException, InterruptedException {
        Path log = dir.resolve(daemon + ".log");
        Process p;
        synchronized (this) {
            p = daemons.get(daemon);
        }
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (!(Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line))) {
            if (!p.isAlive()) throw new IllegalStateException("the " + daemon + " ended (exit " + p.exitValue() + "); its log: " + log);
            if (System.nanoTime() > deadline) throw new IllegalStateException("the " + daemon + " did not log '" + line + "' in " + BOOT + "; its log: " + log);
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
