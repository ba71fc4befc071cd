package org.touchline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tokens", description = "The utility token: balances and movements, redemption from catalogue.yaml, expiry by policy.",
        subcommands = {TokensCommand.Balance.class, TokensCommand.Redeem.class, TokensCommand.Expire.class})
final class TokensCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "balance", description = "A customer's (or with --agent, an agent's) balance and every movement with its entry.")
    static final class Balance implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(paramLabel = "CUSTOMER_OR_AGENT", description = "a customer id (cu_...), or an agent id with --agent") String who;
        @Option(names = "--agent", description = "WHO is an agent id") boolean agent;

        @Override
        public Integer call() throws Exception {
            try (var open = data.openToRead()) {
                var t = open.node().tokens();
                long balance = agent ? t.agentBalance(who) : t.customerBalance(who);
                var history = agent ? t.agentHistory(who) : t.customerHistory(who);
                if (!agent) open.node().accessLog().commandLineRead(who, "service", "touchline tokens balance");
                System.out.println(who + ": " + balance + " token(s)");
                for (var r : history)
                    System.out.printf("  entry %-8d %-6s %6d  (left %d)  %s%n", r.entry(), r.movement(), r.amount(), r.remaining(),
                            Instant.ofEpochMilli(r.atMillis()));
            }
            return 0;
        }
    }

    @Command(name = "redeem", description = "Spend a customer's tokens (oldest first) on a benefit from catalogue.yaml.")
    static final class Redeem implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "CUSTOMER", description = "the customer id (cu_...)") String customer;
        @Parameters(index = "1", paramLabel = "BENEFIT", description = "the benefit's id in catalogue.yaml") String benefit;

        @Override
        public Integer call() throws Exception {
            var serving = data.serving();
            if (serving.isPresent()) {
                var answer = serving.get().post("/v1/customers/" + customer + "/redemptions", RunningNode.body().put("benefit", benefit).put("channel", "cli"));
                System.out.println("redeemed " + benefit + ": entry " + answer.path("entry").asLong() + ", balance now " + answer.path("balance").asLong());
                return 0;
            }
            try (var open = data.openToAppend("on a running node (touchline serve --cluster) use POST /v1/customers/{id}/redemptions")) {
                long index = open.node().tokens().redeem(customer, benefit, "cli");
                System.out.println("redeemed " + benefit + ": entry " + index + ", balance now " + open.node().tokens().customerBalance(customer));
            }
            return 0;
        }
    }

    @Command(name = "expire", description = "Expire tokens minted more than --days days before --as-of and not yet used, oldest first.")
    static final class Expire implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Option(names = "--as-of", required = true, paramLabel = "YYYY-MM-DD", description = "the day to expire as of") LocalDate asOf;
        @Option(names = "--days", required = true, description = "tokens older than this many days expire") int days;

        @Override
        public Integer call() throws Exception {
            data.refuseOnClusterNode("token expiry is not ordered through the topic yet");
            var serving = data.serving();
            if (serving.isPresent()) {
                var answer = serving.get().post("/v1/tokens/expiry", RunningNode.body().put("asOf", asOf.toString()).put("days", days).put("actor", "cli"));
                List<Long> entries = new ArrayList<>();
                answer.path("entries").forEach(e -> entries.add(e.asLong()));
                print(entries);
                return 0;
            }
            try (var open = data.openToAppend("token expiry is not ordered through the topic yet")) {
                print(open.node().tokens().expire(asOf, days, "cli"));
            }
            return 0;
        }

        private static void print(List<Long> entries) {
            System.out.println(entries.isEmpty() ? "nothing to expire" : "expired on " + entries.size() + " account(s): entries " + entries);
        }
    }
}
