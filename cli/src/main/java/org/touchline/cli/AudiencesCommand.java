package org.touchline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.touchline.domain.store.AudienceStore.DailySize;
import org.touchline.domain.store.AudienceStore.Member;
import org.touchline.node.audience.AudienceSchema;
import org.touchline.node.audience.Audiences;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code touchline audiences}: named CEL rules over customers, their sizes, size over time and members
 * (docs/audiences.md). Through the node that serves the data directory when there is one (it evaluates them), otherwise
 * on the store itself: the definitions are ledger entries, and the next {@code touchline serve} evaluates them.
 */
@Command(name = "audiences", description = "Audiences (segments): define by a CEL rule over customers, list, change, delete; sizes, members, a customer's audiences.",
        subcommands = {AudiencesCommand.ListAudiences.class, AudiencesCommand.Define.class, AudiencesCommand.Change.class,
                AudiencesCommand.Delete.class, AudiencesCommand.Show.class, AudiencesCommand.Members.class, AudiencesCommand.Of.class,
                AudiencesCommand.Schema.class})
final class AudiencesCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /** Runs {@code api} on the serving node, or {@code local} on the store; both give the API's JSON. */
    private static JsonNode either(DataDirOption data, Function<RunningNode, JsonNode> api, Function<Audiences, JsonNode> local) throws Exception {
        Optional<RunningNode> serving = data.serving();
        if (serving.isPresent()) return api.apply(serving.get());
        try (var open = data.open()) {
            return local.apply(open.node().audiences(open.store().audiences()));
        }
    }

    private static String path(String name) { return "/v1/audiences/" + URLEncoder.encode(name, StandardCharsets.UTF_8); }

    private static void print(JsonNode a) {
        System.out.printf("%s  %,d members%s%n", a.path("name").asText(), a.path("size").asLong(),
                a.path("evaluating").asBoolean() ? " (first evaluation of every customer under way)" : "");
        System.out.printf("    rule: %s%n", a.path("rule").asText());
        if (a.has("description")) System.out.printf("    %s%n", a.path("description").asText());
        System.out.printf("    defined at entry %d, %s, by %s%n", a.path("entry").asLong(), a.path("definedAt").asText(), a.path("definedBy").asText("?"));
    }

    @Command(name = "list", description = "List the audiences with their sizes.")
    static final class ListAudiences implements Callable<Integer> {
        @Mixin DataDirOption data;

        @Override
        public Integer call() throws Exception {
            JsonNode all = either(data, n -> n.get("/v1/audiences"), a -> {
                ObjectNode out = RunningNode.body();
                ArrayNode items = out.putArray("items");
                a.list().forEach(s -> items.add(s.json()));
                return out;
            });
            if (all.path("items").isEmpty()) System.out.println("no audiences");
            all.path("items").forEach(AudiencesCommand::print);
            return 0;
        }
    }

    @Command(name = "define", description = {"Define an audience: its members are the customers for whom the rule holds, kept as entries arrive.",
            "A rule that does not check (a misspelt field, a wrong type, too costly) is refused, saying why; touchline audiences schema lists the fields."})
    static final class Define implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "NAME", description = "lower-case letters, digits, '-' and '_'") String name;
        @Option(names = "--rule", required = true, description = "a CEL condition over customer, e.g. 'customer.consents.marketing && customer.last30d.channels.web >= 3'") String rule;
        @Option(names = "--description", description = "what the audience is for") String description;
        @Option(names = "--actor", defaultValue = "${sys:user.name}", description = "who defines it, for the record (default: ${DEFAULT-VALUE})") String actor;

        @Override
        public Integer call() throws Exception {
            print(either(data, n -> n.post("/v1/audiences", RunningNode.body().put("name", name).put("rule", rule).put("description", description).put("actor", actor)),
                    a -> a.define(name, rule, description, actor).json()));
            return 0;
        }
    }

    @Command(name = "change", description = "Change an audience's rule (and description): every customer is evaluated again under the new rule.")
    static final class Change implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "NAME", description = "the audience's name, as touchline audiences list shows it") String name;
        @Option(names = "--rule", required = true, description = "the new CEL condition over customer") String rule;
        @Option(names = "--description", description = "what the audience is for") String description;
        @Option(names = "--actor", defaultValue = "${sys:user.name}", description = "who changes it, for the record (default: ${DEFAULT-VALUE})") String actor;

        @Override
        public Integer call() throws Exception {
            print(either(data, n -> n.post(path(name), RunningNode.body().put("rule", rule).put("description", description).put("actor", actor)),
                    a -> a.change(name, rule, description, actor).json()));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete an audience: its members and sizes are forgotten; destinations get the deletion.")
    static final class Delete implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "NAME", description = "the audience's name, as touchline audiences list shows it") String name;
        @Option(names = "--actor", defaultValue = "${sys:user.name}", description = "who deletes it, for the record (default: ${DEFAULT-VALUE})") String actor;

        @Override
        public Integer call() throws Exception {
            either(data, n -> n.post(path(name) + "/delete", RunningNode.body().put("actor", actor)), a -> {
                a.delete(name, actor);
                return RunningNode.body();
            });
            System.out.println("deleted " + name);
            return 0;
        }
    }

    @Command(name = "show", description = "Show an audience: its rule, size, and size at the end of each of the last days.")
    static final class Show implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "NAME", description = "the audience's name, as touchline audiences list shows it") String name;
        @Option(names = "--days", defaultValue = "14", description = "how many days of sizes (default: ${DEFAULT-VALUE})") int days;

        @Override
        public Integer call() throws Exception {
            if (days < 1 || days > 3660) throw new IllegalArgumentException("--days: 1 to 3660, got " + days);
            JsonNode[] both = new JsonNode[2];
            either(data, n -> {
                both[0] = n.get(path(name));
                LocalDate to = LocalDate.now(ZoneOffset.UTC);
                both[1] = n.get(path(name) + "/sizes?from=" + to.minusDays(days - 1) + "&to=" + to);
                return both[0];
            }, a -> {
                both[0] = a.status(name).json();
                ObjectNode sizes = RunningNode.body();
                ArrayNode items = sizes.putArray("items");
                for (DailySize d : a.sizes(name, a.today().minusDays(days - 1), a.today()))
                    items.addObject().put("day", d.day().toString()).put("size", d.size()).put("entered", d.entered()).put("left", d.left());
                both[1] = sizes;
                return both[0];
            });
            print(both[0]);
            both[1].path("items").forEach(d -> System.out.printf("    %s  %,10d  +%,d -%,d%n", d.path("day").asText(), d.path("size").asLong(),
                    d.path("entered").asLong(), d.path("left").asLong()));
            return 0;
        }
    }

    @Command(name = "members", description = "List an audience's members (customer ids, since when), in id order.")
    static final class Members implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "NAME", description = "the audience's name, as touchline audiences list shows it") String name;
        @Option(names = "--after", description = "only customers after this id (the page before's last)") String after;
        @Option(names = "--limit", defaultValue = "100", description = "how many (default: ${DEFAULT-VALUE})") int limit;

        @Override
        public Integer call() throws Exception {
            JsonNode page = either(data, n -> n.get(path(name) + "/members?limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8))), a -> {
                ObjectNode out = RunningNode.body();
                ArrayNode items = out.putArray("items");
                List<Member> members = a.members(name, after, limit);
                for (Member m : members) items.addObject().put("customer", m.customer()).put("since", m.since().toString());
                return out;
            });
            if (page.path("items").isEmpty()) System.out.println("no members");
            page.path("items").forEach(m -> System.out.printf("%s  since %s%n", m.path("customer").asText(), m.path("since").asText()));
            return 0;
        }
    }

    @Command(name = "of", description = "List the audiences a customer is in.")
    static final class Of implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "CUSTOMER", description = "the customer's id") String customer;

        @Override
        public Integer call() throws Exception {
            JsonNode all = either(data, n -> n.get("/v1/customers/" + URLEncoder.encode(customer, StandardCharsets.UTF_8) + "/audiences"),
                    a -> RunningNode.body().set("items", Audiences.json(a.of(customer))));
            if (all.path("items").isEmpty()) System.out.println("in no audience");
            all.path("items").forEach(m -> System.out.printf("%s  since %s%n", m.path("audience").asText(), m.path("since").asText()));
            return 0;
        }
    }

    @Command(name = "schema", description = "Print what an audience's rule can read of a customer: the fields of customer and of its windows.")
    static final class Schema implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.print(AudienceSchema.describe());
            return 0;
        }
    }
}
