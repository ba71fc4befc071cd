package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.cluster.KafkaOrdering;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/compose.yaml cannot run here (no registry for the Kafka and PostgreSQL images): it is read as compose reads
 * it, and each node's command is parsed by the touchline command itself, so a flag that does not exist fails here.
 */
class ComposeFileTest {
    private static final List<String> NODES = List.of("node-1", "node-2", "node-3");
    private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    private static JsonNode compose;

    @BeforeAll
    static void read() throws IOException {
        // SnakeYAML, as compose does, resolves the file's anchors and merge keys (<<: *node); Jackson's YAML reader does not.
        Object yaml = new Yaml().load(Files.readString(ReadmeTest.root().resolve("deploy/compose.yaml")));
        compose = new ObjectMapper().valueToTree(yaml);
    }

    private static JsonNode service(String name) {
        JsonNode s = compose.path("services").path(name);
        assertThat(s.isObject()).as("service " + name).isTrue();
        return s;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The serve command a node runs, as the touchline command parses it. */
    private static ServeCommand serve(String node) {
        List<String> args = strings(service(node).path("command"));
        CommandLine.ParseResult parsed = Touchline.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(parsed.hasSubcommand()).as(node + " runs a subcommand: " + args).isTrue();
        Object command = parsed.subcommand().commandSpec().userObject();
        assertThat(command).as(node + ": " + args).isInstanceOf(ServeCommand.class);
        return (ServeCommand) command;
    }

    @Test
    void there_are_three_brokers_three_nodes_and_postgresql() {
        Set<String> names = new TreeSet<>();
        compose.path("services").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsAll(NODES).containsAll(BROKERS).contains("postgres", "node-pg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node-1", "node-2", "node-3"})
    void each_cluster_node_serves_on_every_interface_through_all_three_brokers(String node) {
        ServeCommand serve = serve(node);
        assertThat(serve.cluster).isTrue();
        assertThat(serve.host).isEqualTo("0.0.0.0");
        assertThat(List.of(serve.kafka.split(","))).containsExactlyInAnyOrderElementsOf(BROKERS.stream().map(b -> b + ":9092").toList());
        assertThat(strings(service(node).path("ports"))).containsExactly("808" + node.charAt(5) + ":" + serve.port);
        assertThat(service(node).path("depends_on").findValuesAsText("condition")).containsOnly("service_healthy");
    }

    @Test
    void the_postgresql_node_keeps_its_store_in_the_postgres_service_with_the_password_from_the_environment() {
        ServeCommand serve = serve("node-pg");
        assertThat(serve.data.store).startsWith("postgresql://postgres:5432/");
        assertThat(serve.cluster).isFalse();
        assertThat(service("node-pg").path("environment").has("TOUCHLINE_PG_PASSWORD")).isTrue();
        assertThat(serve.data.store).doesNotContain("password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node-1", "node-2", "node-3", "node-pg"})
    void each_node_is_healthy_when_its_readiness_route_answers_through_the_probe_in_the_image(String node) throws Exception {
        List<String> test = strings(service(node).path("healthcheck").path("test"));
        assertThat(test.get(0)).isEqualTo("CMD");
        int cp = test.indexOf("-cp");
        assertThat(test.get(cp + 1)).as("Jib's classes layer").isEqualTo("/app/classes");
        assertThat(Class.forName(test.get(cp + 2))).isEqualTo(ReadinessProbe.class);
        assertThat(test.get(cp + 3)).isEqualTo("http://127.0.0.1:" + serve(node).port + "/v1/health/ready");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka-1", "kafka-2", "kafka-3", "postgres"})
    void each_server_has_a_health_check(String name) {
        assertThat(service(name).path("healthcheck").path("test").size()).isGreaterThan(1);
    }

    @Test
    void every_service_keeps_its_data_in_a_named_volume_of_its_own() {
        Set<String> declared = new TreeSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declared::add);
        List<String> used = new ArrayList<>();
        compose.path("services").forEach(s -> s.path("volumes").forEach(v -> used.add(v.asText().split(":")[0])));
        assertThat(used).doesNotHaveDuplicates();
        assertThat(declared).containsExactlyInAnyOrderElementsOf(used);
        for (String node : List.of("node-1", "node-2", "node-3", "node-pg"))
            assertThat(strings(service(node).path("volumes"))).as(node).containsExactly(node + "-data:/data");
    }

    /**
     * The one-off commands docs/operations.md runs in the nodes' containers ({@code compose run ... node-N
     * COMMAND}) are touchline commands with flags that exist: each is parsed as the image's entrypoint would.
     */
    @Test
    void the_setup_commands_of_the_operations_guide_are_touchline_commands() throws IOException {
        String guide = Files.readString(ReadmeTest.root().resolve("docs/operations.md")).replace("\\\n", " ");
        List<List<String>> commands = new ArrayList<>();
        for (String line : guide.split("\n")) {
            int run = line.indexOf("compose run ");
            if (run < 0) continue;
            List<String> words = new ArrayList<>();
            Matcher m = Pattern.compile("\"\\$\\([^)]*\\)\"|\\S+").matcher(line.substring(run));
            while (m.find()) words.add(m.group());
            int service = 0;
            while (service < words.size() && !words.get(service).matches("node-(\\$n|\\d)")) service++;
            List<String> args = new ArrayList<>();
            for (String w : words.subList(Math.min(service + 1, words.size()), words.size())) {
                if (w.startsWith(">") || w.equals(";") || w.endsWith(";") || w.equals("done")) break;
                args.add(w.startsWith("\"$(") ? "VALUE" : w.replace("$n", "1").replace("$m", "2"));
            }
            assertThat(args).as("a command after the service in: " + line).isNotEmpty();
            commands.add(args);
        }
        assertThat(commands.stream().map(c -> c.get(0) + " " + c.get(1)).toList())
                .contains("cluster secret", "cluster init", "cluster trust", "channel register", "access grant");
        for (List<String> args : commands)
            assertThat(Touchline.commandLine().parseArgs(args.toArray(String[]::new)).hasSubcommand()).as(String.join(" ", args)).isTrue();
    }

    @Test
    void the_brokers_form_one_kraft_quorum_that_keeps_three_copies() {
        Set<String> ids = new TreeSet<>();
        for (String b : BROKERS) {
            JsonNode env = service(b).path("environment");
            ids.add(env.path("KAFKA_NODE_ID").asText());
            assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText()).isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).isEqualTo("PLAINTEXT://" + b + ":9092");
            assertThat(env.path("KAFKA_MIN_INSYNC_REPLICAS").asText()).isEqualTo("2");
            assertThat(env.path("KAFKA_MESSAGE_MAX_BYTES").asLong()).isEqualTo(KafkaOrdering.MAX_MESSAGE_BYTES);
        }
        assertThat(ids).containsExactly("1", "2", "3");
    }
}
