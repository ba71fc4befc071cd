package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.destinations.Destinations;
import org.touchline.domain.store.DestinationStore.Delivery;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code touchline destinations}: outbound webhooks and Kafka topics subscribed to kinds of ledger entry
 * (docs/destinations.md). Through the node that serves the data directory when there is one (it delivers), otherwise on
 * the store itself: the next {@code touchline serve} delivers what was set up.
 */
@Command(name = "destinations", description = "Send ledger entries to webhooks and Kafka topics: subscribe, list, pause, resume, delete, replay.",
        subcommands = {DestinationsCommand.ListDestinations.class, DestinationsCommand.Add.class, DestinationsCommand.Show.class,
                DestinationsCommand.Pause.class, DestinationsCommand.Resume.class, DestinationsCommand.Delete.class,
                DestinationsCommand.DeadLetters.class, DestinationsCommand.Replay.class})
final class DestinationsCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /**
     * Runs {@code api} on the serving node, or {@code local} on the store when no node serves the directory; both give
     * the API's JSON, so what is printed is the same either way.
     */
    private static JsonNode either(DataDirOption data, Function<RunningNode, JsonNode> api, Function<Destinations, JsonNode> local) throws Exception {
        Optional<RunningNode> serving = data.serving();
        if (serving.isPresent()) return api.apply(serving.get());
        try (var open = data.open()) {
            return local.apply(new Destinations(open.node(), open.store().destinations()));
        }
    }

    private static void print(JsonNode d) {
        JsonNode c = d.path("counts"), l = d.path("lag");
        System.out.printf("%s  %s  %s %s%n", d.path("id").asText(), d.path("name").asText(), d.path("sink").asText(), d.path("target").asText());
        List<String> kinds = new ArrayList<>();
        d.path("kinds").forEach(k -> kinds.add(k.asText()));
        System.out.printf("    %s, for %s: %s%n", d.path("state").asText(), d.path("purpose").asText(), String.join(", ", kinds));
        System.out.printf("    delivered %,d  failed attempts %,d  dead %,d  skipped %,d%n", c.path("delivered").asLong(), c.path("failed").asLong(),
                c.path("dead").asLong(), c.path("skipped").asLong());
        System.out.printf("    cursor %,d of %,d (%,d behind), %,d pending, oldest undelivered %.1f s%n", l.path("cursor").asLong(), l.path("head").asLong(),
                l.path("entriesBehind").asLong(), l.path("pending").asLong(), l.path("oldestUndeliveredSeconds").asDouble());
    }

    @Command(name = "list", description = "List the destinations with their counts and lag.")
    static final class ListDestinations implements Callable<Integer> {
        @Mixin DataDirOption data;

        @Override
        public Integer call() throws Exception {
            JsonNode all = either(data, n -> n.get("/v1/destinations"), d -> {
                ObjectNode out = RunningNode.body();
                var items = out.putArray("items");
                d.list().forEach(s -> items.add(s.json()));
                return out;
            });
            if (all.path("items").isEmpty()) System.out.println("no destinations");
            all.path("items").forEach(DestinationsCommand::print);
            return 0;
        }
    }

    @Command(name = "add", description = {"Subscribe a webhook (--url) or a Kafka topic (--kafka) to kinds of entry.",
            "A webhook's signing secret is printed once: give it to the receiver, which checks each call's webhook-signature with it."})
    static final class Add implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "NAME", description = "what the destination is, for people") String name;
        @ArgGroup(multiplicity = "1") Target target;
        @Option(names = "--kinds", required = true, split = ",", paramLabel = "KIND",
                description = "entry kinds it takes: interactions, identity_decisions, contract_actions, consent_changes, next_best_actions, audience_changes")
        List<String> kinds;
        @Option(names = "--purpose", required = true, description = "what the receiver uses them for (service, analytics, personalisation, marketing, model_training): "
                + "an entry about a customer whose consent for it is not a grant is not sent") String purpose;
        @Option(names = "--from", paramLabel = "INDEX", description = "the first entry index it gets (default: the head, what is appended from now on)") Long from;

        static final class Target {
            @Option(names = "--url", description = "the webhook's http(s) URL") String url;
            @Option(names = "--kafka", paramLabel = "TOPIC@HOST:PORT", description = "a Kafka topic and its bootstrap servers") String kafka;
        }

        @Override
        public Integer call() throws Exception {
            JsonNode made = either(data, n -> {
                ObjectNode b = RunningNode.body().put("name", name).put("url", target.url).put("kafka", target.kafka).put("purpose", purpose);
                kinds.forEach(b.putArray("kinds")::add);
                if (from != null) b.put("from", from);
                return n.post("/v1/destinations", b);
            }, d -> {
                Destinations.Created c = d.create(new Destinations.NewSubscription(name, target.url, target.kafka, kinds, purpose, from));
                ObjectNode out = c.status().json();
                if (c.secret() != null) out.put("secret", c.secret());
                return out;
            });
            print(made);
            if (made.has("secret")) System.out.println("    signing secret (shown once): " + made.get("secret").asText());
            return 0;
        }
    }

    @Command(name = "show", description = "Show one destination's counts and lag.")
    static final class Show implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID", description = "the destination's id (dst_...), as touchline destinations list shows it") String id;

        @Override
        public Integer call() throws Exception {
            print(either(data, n -> n.get("/v1/destinations/" + id), d -> d.status(id).json()));
            return 0;
        }
    }

    @Command(name = "pause", description = "Stop sending to a destination; its cursor waits, and it resumes where it stopped.")
    static final class Pause implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID", description = "the destination's id (dst_...), as touchline destinations list shows it") String id;

        @Override
        public Integer call() throws Exception {
            print(either(data, n -> n.post("/v1/destinations/" + id + "/pause", null), d -> d.pause(id).json()));
            return 0;
        }
    }

    @Command(name = "resume", description = "Send to a paused destination again, from where it stopped.")
    static final class Resume implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID", description = "the destination's id (dst_...), as touchline destinations list shows it") String id;

        @Override
        public Integer call() throws Exception {
            print(either(data, n -> n.post("/v1/destinations/" + id + "/resume", null), d -> d.resume(id).json()));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a destination with its cursor and what it still owed.")
    static final class Delete implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID", description = "the destination's id (dst_...), as touchline destinations list shows it") String id;

        @Override
        public Integer call() throws Exception {
            either(data, n -> n.post("/v1/destinations/" + id + "/delete", null), d -> {
                d.delete(id);
                return RunningNode.body();
            });
            System.out.println("deleted " + id);
            return 0;
        }
    }

    @Command(name = "dead-letters", description = "List a destination's dead deliveries: entries whose last attempt failed.")
    static final class DeadLetters implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID", description = "the destination's id (dst_...), as touchline destinations list shows it") String id;
        @Option(names = "--after", defaultValue = "-1", paramLabel = "INDEX", description = "only entries after this index") long after;
        @Option(names = "--limit", defaultValue = "50", description = "how many (default: ${DEFAULT-VALUE})") int limit;

        @Override
        public Integer call() throws Exception {
            JsonNode dead = either(data, n -> n.get("/v1/destinations/" + id + "/dead-letters?after=" + after + "&limit=" + limit), d -> {
                ObjectNode out = RunningNode.body();
                var items = out.putArray("items");
                for (Delivery x : d.dead(id, after, limit))
                    items.addObject().put("index", x.index()).put("attempts", x.attempts()).put("lastError", x.lastError());
                return out;
            });
            if (dead.path("items").isEmpty()) System.out.println("no dead deliveries");
            dead.path("items").forEach(x -> System.out.printf("entry %d  after %d attempts: %s%n", x.path("index").asLong(), x.path("attempts").asInt(), x.path("lastError").asText()));
            return 0;
        }
    }

    @Command(name = "replay", description = {"Send again: the dead deliveries (--dead-letters), or every entry from an index (--from).",
            "Events keep their ids, so a receiver that already has one can drop it."})
    static final class Replay implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "ID", description = "the destination's id (dst_...), as touchline destinations list shows it") String id;
        @ArgGroup(multiplicity = "1") What what;

        static final class What {
            @Option(names = "--dead-letters", description = "the dead deliveries, from their first attempt") boolean dead;
            @Option(names = "--from", paramLabel = "INDEX", description = "every entry from this index on") Long from;
        }

        @Override
        public Integer call() throws Exception {
            ObjectNode b = what.dead ? RunningNode.body().put("deadLetters", true) : RunningNode.body().put("from", what.from);
            JsonNode after = either(data, n -> n.post("/v1/destinations/" + id + "/replay", b), d -> {
                if (!what.dead) return d.replayFrom(id, what.from).json();
                int n = d.replayDead(id);
                return d.status(id).json().put("replayed", n);
            });
            if (after.has("replayed")) System.out.println(after.get("replayed").asLong() + " dead deliveries to send again");
            print(after);
            return 0;
        }
    }
}
