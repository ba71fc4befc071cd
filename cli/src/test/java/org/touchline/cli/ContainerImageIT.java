package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The image {@code mvn -Pimage package} builds (cli/target/touchline-image.tar, OCI layout): its configuration read
 * from the tar, and, where podman can run containers on this machine, the image started and asked over HTTP.
 */
class ContainerImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("touchline.image", "target/touchline-image.tar"));
    private static final String TAG = "touchline:it";
    private static JsonNode config;
    @TempDir static Path podmanState;

    @BeforeAll
    static void readTheImageConfiguration() throws IOException {
        assertThat(IMAGE).as("built by mvn -Pimage package").exists();
        Map<String, byte[]> small = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(IMAGE))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; )
                if (e.getSize() < 1 << 20) small.put(e.getName(), tar.readAllBytes());
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode index = json.readTree(small.get("index.json"));
        JsonNode manifest = json.readTree(small.get(blob(index.path("manifests").get(0).path("digest").asText())));
        config = json.readTree(small.get(blob(manifest.path("config").path("digest").asText()))).path("config");
    }

    private static String blob(String digest) { return "blobs/" + digest.replace(':', '/'); }

    @Test
    void it_runs_as_the_touchline_user_never_root() {
        assertThat(config.path("User").asText()).isEqualTo("10001:10001");
    }

    @Test
    void its_data_directory_is_a_volume_the_command_uses() {
        assertThat(config.path("Volumes").has("/data")).isTrue();
        assertThat(strings(config.path("Env"))).contains("TOUCHLINE_DATA=/data");
    }

    @Test
    void it_serves_on_every_interface_at_the_exposed_port() {
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(strings(config.path("Cmd"))).containsExactly("serve", "--host", "0.0.0.0", "--port", "8080");
        assertThat(strings(config.path("Entrypoint"))).startsWith("/opt/java/bin/java").endsWith(Touchline.class.getName());
    }

    @Test
    void started_by_podman_it_serves_keeps_its_data_in_the_volume_and_its_probe_runs() throws Exception {
        Podman podman = new Podman(podmanState);
        Podman.Result load = podman.run("load", "-i", IMAGE.toString());
        assumeTrue(load.code() == 0, "podman cannot load images here: " + load.output());
        podman.run("tag", load.output().lines().filter(l -> l.startsWith("Loaded image")).findFirst().orElseThrow().replaceAll(".*: ", ""), TAG);
        Podman.Result version = podman.run("run", "--rm", "--network", "host", TAG, "--version");
        // 125 and 126 are podman's and the OCI runtime's own failures (no container can start here), not the image's.
        assumeTrue(version.code() != 125 && version.code() != 126, "podman cannot start containers here: " + version.output());
        assertThat(version.output()).contains("touchline");

        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        String volume = "touchline-it-" + port;
        String id = podman.run("run", "-d", "--network", "host", "-v", volume + ":/data", TAG, "serve", "--host", "127.0.0.1", "--port", String.valueOf(port))
                .output().strip();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI health = URI.create("http://127.0.0.1:" + port + "/v1/health");
            int status = 0;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); status == 0 && System.nanoTime() < deadline; ) {
                try {
                    status = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            assertThat(status).as("a closed node answers; its log:\n" + podman.run("logs", id).output()).isEqualTo(401);

            // The first token, made beside the running node as docs/operations.md says, in the node's volume as the touchline user.
            Podman.Result grant = podman.run("exec", id, "/opt/java/bin/java", "-cp", "@/app/jib-classpath-file", Touchline.class.getName(),
                    "access", "grant", "auditor", "--name", "container-test");
            String token = grant.output().lines().filter(l -> l.startsWith("tl_")).findFirst().orElseThrow(() -> new AssertionError(grant.output()));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(health).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

            // The health check the compose file runs: the probe class and the image's Java runtime, with nothing else.
            Podman.Result probe = podman.run("exec", id, "/opt/java/bin/java", "-XX:TieredStopAtLevel=1", "-cp", "/app/classes",
                    ReadinessProbe.class.getName(), "http://127.0.0.1:" + port + "/v1/health/ready");
            assertThat(probe.code()).as(probe.output()).isZero();
        } finally {
            podman.run("rm", "-f", "-t", "5", id);
            podman.run("volume", "rm", "-f", volume);
        }
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * podman with its own storage under the test's directory, set for a VM such as this build machine: the vfs driver
     * (no overlay mounts), runc where installed (crun refuses hosts with both cgroup versions mounted), and no default
     * ulimits (raising RLIMIT_NOFILE needs CAP_SYS_RESOURCE, which such a VM's root may lack).
     */
    record Podman(Path state) {
        record Result(int code, String output) {}

        Result run(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("podman", "--root", state.resolve("root").toString(), "--runroot",
                    state.resolve("run").toString(), "--storage-driver", "vfs"));
            if (Files.isExecutable(Path.of("/usr/bin/runc")) || Files.isExecutable(Path.of("/usr/sbin/runc"))) command.addAll(List.of("--runtime", "runc"));
            command.addAll(List.of(args));
            Path conf = state.resolve("containers.conf");
            if (!Files.exists(conf)) Files.writeString(conf, "[containers]\ndefault_ulimits = []\n");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("CONTAINERS_CONF", conf.toString());
            Process p;
            try {
                p = pb.start();
            } catch (IOException noPodman) {
                return new Result(125, "podman is not installed: " + noPodman.getMessage());
            }
            String out;
            try (InputStream in = p.getInputStream()) { out = new String(in.readAllBytes(), StandardCharsets.UTF_8); }
            return new Result(p.waitFor(), out);
        }
    }
}
