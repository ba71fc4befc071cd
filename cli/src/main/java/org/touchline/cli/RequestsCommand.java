package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.Identifier;
import org.touchline.domain.InteractionJson;
import org.touchline.node.Node;
import org.touchline.node.RequestEntries;
import org.touchline.node.RequestJson;
import org.touchline.node.command.Write;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code touchline requests}: data-subject requests (docs/requests.md) from filing to a closed request with its proof.
 * Through the node that serves the data directory when there is one, otherwise on the store itself; both give the API's
 * JSON, so what is printed is the same either way.
 */
@Command(name = "requests", description = {"Data-subject requests: file, verify, refuse, extend, fulfil and close them.",
        "Access, rectification, erasure and objection; each step is a ledger entry. The open ones list by due date, overdue first."},
        subcommands = {RequestsCommand.ListRequests.class, RequestsCommand.Show.class, RequestsCommand.File.class, RequestsCommand.Verify.class,
                RequestsCommand.Refuse.class, RequestsCommand.Extend.class, RequestsCommand.Fulfil.class, RequestsCommand.Close.class,
                RequestsCommand.Proof.class})
final class RequestsCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /** Reads through the serving node's API, or the store when none serves the directory. */
    private static JsonNode read(DataDirOption data, String path, Function<Node, JsonNode> local) throws Exception {
        Optional<RunningNode> serving = data.serving();
        if (serving.isPresent()) return serving.get().get(path);
        try (var open = data.openToRead()) {
            return local.apply(open.node());
        }
    }

    /**
     * Sends a step to the serving node's API, or appends it here as the API would (the same {@link Write}) and answers
     * the request as it then stands.
     */
    private static JsonNode write(DataDirOption data, String path, ObjectNode body, Write w, Function<Long, Long> request) throws Exception {
        Optional<RunningNode> serving = data.serving();
        if (serving.isPresent()) return serving.get().post(path, body);
        try (var open = data.openToAppend("on a running node (touchline serve --cluster) use POST " + path)) {
            long index = w.apply(open.node().commands(Clock.systemUTC()), null);
            return RequestJson.request(open.node().requests(Clock.systemUTC()).get(request.apply(index)));
        }
    }

    private static void print(JsonNode r) {
        System.out.printf("request %d  %s  %s%s  %s via %s%n", r.path("entry").asLong(), r.path("type").asText(), r.path("status").asText(),
                r.path("overdue").asBoolean() ? " OVERDUE" : "", r.path("customerId").isNull() ? "(requester not known yet)" : r.path("customerId").asText(),
                r.path("channel").asText());
        System.out.printf("    received %s, due %s%n", r.path("receivedAt").asText(), r.path("dueAt").asText());
        for (JsonNode s : r.path("steps")) {
            List<String> detail = new ArrayList<>();
            s.fields().forEachRemaining(f -> {
                if (!List.of("entry", "step", "at", "status").contains(f.getKey())) detail.add(f.getKey() + "=" + f.getValue().asText());
            });
            System.out.printf("    entry %d  %-9s %s  %s%n", s.path("entry").asLong(), s.path("step").asText(), s.path("at").asText(), String.join(" ", detail));
        }
    }

    @Command(name = "list", description = "List requests: the open ones by default, earliest due (the overdue) first.")
    static final class ListRequests implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--status", split = ",", description = "awaiting_verification, verified, fulfilled, refused, closed (default: the open ones)") List<String> status;
        @Option(names = "--type", description = "access, rectification, erasure or objection") String type;
        @Option(names = "--limit", defaultValue = "100", description = "how many (default: ${DEFAULT-VALUE})") int limit;

        @Override
        public Integer call() throws Exception {
            List<String> statuses = status == null ? List.of() : status;
            String query = "?limit=" + limit + (statuses.isEmpty() ? "" : "&status=" + String.join(",", statuses)) + (type == null ? "" : "&type=" + type);
            JsonNode all = read(data, "/v1/requests" + query, n -> RequestJson.list(n.requests(Clock.systemUTC()).list(statuses, type, limit)));
            if (all.path("requests").isEmpty()) System.out.println("no requests");
            else System.out.printf("%d request(s), %d overdue%n", all.path("requests").size(), all.path("overdue").asLong());
            all.path("requests").forEach(RequestsCommand::print);
            return 0;
        }
    }

    @Command(name = "show", description = "Show one request with every step.")
    static final class Show implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ENTRY", description = "the request: the ledger index of its filing") long entry;

        @Override
        public Integer call() throws Exception {
            print(read(data, "/v1/requests/" + entry, n -> RequestJson.request(n.requests(Clock.systemUTC()).get(entry))));
            return 0;
        }
    }

    @Command(name = "file", description = {"Record a request received by letter, phone, email or in a store.",
            "It awaits verification, and is due one month after it was received (requests.properties in the data directory says otherwise)."})
    static final class File implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "TYPE", description = "access, rectification, erasure or objection") String type;
        @Option(names = "--customer", description = "the customer id (cu_...), when known") String customer;
        @Option(names = "--identifier", paramLabel = "TYPE:VALUE", description = "what the requester gave, when no customer is named (repeatable)") List<String> identifiers;
        @Option(names = "--channel", required = true, description = "where it came in (letter, email, call_centre, store...)") String channel;
        @Option(names = "--received", paramLabel = "TIME", description = "when it arrived, e.g. 2026-03-01T09:30:00Z (default: now)") OffsetDateTime received;
        @Option(names = "--purpose", split = ",", description = "an objection's purposes (marketing, personalisation, analytics, model_training)") List<String> purposes;
        @Option(names = "--field", split = ",", description = "a rectification's fields (name, email, address...)") List<String> fields;
        @Option(names = "--actor", required = true, description = "who records it (for the record)") String actor;

        @Override
        public Integer call() throws Exception {
            List<String> names = new ArrayList<>();
            if (purposes != null) names.addAll(purposes);
            if (fields != null) names.addAll(fields);
            ObjectNode body = RunningNode.body().put("type", type).put("customer", customer).put("channel", channel).put("actor", actor)
                    .put("receivedAt", received == null ? null : received.toInstant().toString());
            if (identifiers != null) {
                ArrayNode given = body.putArray("identifiers");
                for (String i : identifiers) {
                    Identifier id = Identifier.parse(i); // as the offline write reads them (Write), so both refuse alike
                    given.addObject().put("type", id.type()).put("value", id.value());
                }
            }
            if (purposes != null) purposes.forEach(body.putArray("purposes")::add);
            if (fields != null) fields.forEach(body.putArray("fields")::add);
            Write w = Write.of(Write.REQUEST_FILE, "type", type, "customer", customer, "identifiers", identifiers == null ? null : String.join("\n", identifiers),
                    "channel", channel, "receivedAt", received == null ? null : received.toInstant().toString(),
                    "names", names.isEmpty() ? null : String.join(",", names), "actor", actor);
            print(write(data, "/v1/requests", body, w, index -> index));
            return 0;
        }
    }

    @Command(name = "verify", description = "Record how the requester's identity was checked, and by whom.")
    static final class Verify implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ENTRY", description = "the request: the ledger index of its filing") long entry;
        @Option(names = "--method", required = true, description = "how it was checked (\"called back on the number on file\", \"ID shown in store\")") String method;
        @Option(names = "--customer", description = "the customer the requester was found to be, when the filing did not name one") String customer;
        @Option(names = "--agent", required = true, description = "who checked it") String agent;

        @Override
        public Integer call() throws Exception {
            print(write(data, "/v1/requests/" + entry + "/verification", RunningNode.body().put("method", method).put("customer", customer).put("agent", agent),
                    Write.of(Write.REQUEST_VERIFY, "request", Long.toString(entry), "method", method, "agent", agent, "customer", customer), i -> entry));
            return 0;
        }
    }

    @Command(name = "refuse", description = "Refuse a request, with the reason the requester is told.")
    static final class Refuse implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ENTRY", description = "the request: the ledger index of its filing") long entry;
        @Option(names = "--reason", required = true, description = "why (identity not confirmed, manifestly unfounded...)") String reason;
        @Option(names = "--agent", required = true, description = "who refused it") String agent;

        @Override
        public Integer call() throws Exception {
            print(write(data, "/v1/requests/" + entry + "/refusal", RunningNode.body().put("reason", reason).put("agent", agent),
                    Write.of(Write.REQUEST_REFUSE, "request", Long.toString(entry), "reason", reason, "agent", agent), i -> entry));
            return 0;
        }
    }

    @Command(name = "extend", description = "Extend a request's deadline by whole months: two further months at most, with the reason.")
    static final class Extend implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ENTRY", description = "the request: the ledger index of its filing") long entry;
        @Option(names = "--months", required = true, description = "by how many months (1 or 2)") int months;
        @Option(names = "--reason", required = true, description = "why it takes longer (the requester is told)") String reason;
        @Option(names = "--agent", required = true, description = "who extended it") String agent;

        @Override
        public Integer call() throws Exception {
            print(write(data, "/v1/requests/" + entry + "/extension", RunningNode.body().put("months", months).put("reason", reason).put("agent", agent),
                    Write.of(Write.REQUEST_EXTEND, "request", Long.toString(entry), "months", Integer.toString(months), "reason", reason, "agent", agent), i -> entry));
            return 0;
        }
    }

    @Command(name = "fulfil", description = {"Fulfil a verified request with the node's own commands.",
            "Access writes the customer's export bundle (-o), erasure erases them, objection withdraws the purposes' consents,",
            "rectification records the corrected values (--correct)."})
    static final class Fulfil implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ENTRY", description = "the request: the ledger index of its filing") long entry;
        @Option(names = "--agent", required = true, description = "who fulfilled it") String agent;
        @Option(names = "--correct", paramLabel = "FIELD=VALUE", description = "a rectification's corrected value (repeatable)") Map<String, String> corrections;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where an access request's export bundle goes (default: request-ENTRY.json)") Path output;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = RunningNode.body().put("agent", agent);
            List<String> lines = new ArrayList<>();
            if (corrections != null) {
                ObjectNode corrected = body.putObject("corrections");
                corrections.forEach((k, v) -> {
                    corrected.put(k, v);
                    lines.add(k + "=" + v);
                });
            }
            Optional<RunningNode> serving = data.serving();
            JsonNode answer;
            JsonNode export = null;
            if (serving.isPresent()) {
                answer = serving.get().post("/v1/requests/" + entry + "/fulfilment", body);
                export = answer.get("export");
            } else try (var open = data.openToAppend("on a running node (touchline serve --cluster) use POST /v1/requests/" + entry + "/fulfilment")) {
                Node node = open.node();
                Write.of(Write.REQUEST_FULFIL, "request", Long.toString(entry), "agent", agent, "corrections", lines.isEmpty() ? null : String.join("\n", lines))
                        .apply(node.commands(Clock.systemUTC()), null);
                var r = node.requests(Clock.systemUTC()).get(entry);
                answer = RequestJson.request(r);
                if (r.type().equals(RequestEntries.ACCESS)) {
                    export = node.exportBundle(r.customer());
                    node.accessLog().commandLineRead(r.customer(), "transparency", "touchline requests fulfil");
                }
            }
            print(answer);
            if (export != null) {
                Path to = output != null ? output : Path.of("request-" + entry + ".json");
                Files.write(to, InteractionJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(export));
                System.out.println("    export bundle for the customer: " + to + " (check it: touchline verify-bundle " + to + " --key \"$(touchline keys show)\")");
            }
            return 0;
        }
    }

    @Command(name = "close", description = "Close a fulfilled or refused request with its outcome; its proof is then available.")
    static final class Close implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ENTRY", description = "the request: the ledger index of its filing") long entry;
        @Option(names = "--agent", required = true, description = "who closed it") String agent;

        @Override
        public Integer call() throws Exception {
            print(write(data, "/v1/requests/" + entry + "/closure", RunningNode.body().put("agent", agent),
                    Write.of(Write.REQUEST_CLOSE, "request", Long.toString(entry), "agent", agent), i -> entry));
            return 0;
        }
    }

    @Command(name = "proof", description = {"Write a closed request's proof, as JSON (-o FILE, or printed).",
            "Every entry of the request and of its fulfilment, each with a C2SP tlog-proof receipt against the signed checkpoint."})
    static final class Proof implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ENTRY", description = "the request: the ledger index of its filing") long entry;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write it here (default: print it)") Path output;

        @Override
        public Integer call() throws Exception {
            JsonNode proof = read(data, "/v1/requests/" + entry + "/proof", n -> RequestJson.proof(n.requests(Clock.systemUTC()).proof(entry)));
            byte[] json = InteractionJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(proof);
            if (output == null) System.out.println(new String(json, StandardCharsets.UTF_8));
            else {
                Files.write(output, json);
                System.out.printf("request %d (%s): %d entries proven to tree size %d, written to %s%n", entry, proof.path("outcome").asText(),
                        proof.path("entries").size(), proof.path("treeSize").asLong(), output);
            }
            return 0;
        }
    }
}
