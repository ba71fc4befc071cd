package org.touchline.cli;

import org.touchline.node.AccessTokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * {@code touchline access ...}: the API's bearer tokens. A node is closed until its first token is granted here (only
 * {@code serve --insecure-open} and the demo answer without one, and only until then).
 */
@Command(name = "access", description = {"API access tokens: grant ROLE --name N [--channel C | --customer ID], list, revoke ID.",
        "Roles: node, agent (its channel), analyst, administrator, auditor, customer (their own data).",
        "A node answers no one without a token: make the first with `access grant administrator --name NAME`,",
        "beside the running node (it reads the tokens file again at its next request)."},
        subcommands = {AccessCommand.Grant.class, AccessCommand.ListTokens.class, AccessCommand.Revoke.class})
final class AccessCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "grant", description = "Grant a token; it is printed once and only its SHA-256 is kept.")
    static final class Grant implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "ROLE", description = "node, agent, analyst, administrator, auditor, customer, or metrics (a monitoring system scraping /metrics)") String role;
        @Option(names = "--name", required = true, description = "whose token it is") String name;
        @Option(names = "--channel", description = "an agent's channel") String channel;
        @Option(names = "--customer", description = "a customer's id") String customer;

        @Override
        public Integer call() throws Exception {
            // Only a customer's token needs the store (to follow merges to the current id); the others can be granted
            // while the node serves, which reads the tokens file again at its next request.
            // The token names the customer as asked (each request follows merges from there, and unmerges too).
            if (customer != null) {
                // Read-only, so this works beside a serving node too; the id is checked but kept as asked.
                try (var open = data.openToRead()) {
                    open.node().customers().current(customer)
                            .orElseThrow(() -> new NoSuchElementException("no customer " + customer));
                }
            }
            AccessTokens tokens = new AccessTokens(data.path());
            boolean first = tokens.open();
            String token = tokens.grant(role, name, channel, customer);
            System.out.println(token);
            System.err.println("Keep it: it is not shown again." + (first ? " A running node takes it at its next request." : ""));
            return 0;
        }
    }

    @Command(name = "list", description = "The tokens granted: id, role, name, channel or customer, when, revoked.")
    static final class ListTokens implements Callable<Integer> {
        @Mixin DataDirOption data;

        @Override
        public Integer call() {
            TextTable t = new TextTable("id", "role", "name", "channel / customer", "granted", "state");
            for (var p : new AccessTokens(data.path()).list())
                t.row(p.id(), p.role(), p.name(), p.channel() != null ? p.channel() : p.customer(), p.granted(), p.revoked() ? "revoked" : "active");
            t.print(System.out);
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a token by its id (touchline access list).")
    static final class Revoke implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "ID", description = "the token's id, as touchline access list shows it") String id;

        @Override
        public Integer call() {
            new AccessTokens(data.path()).revoke(id);
            System.out.println("revoked " + id + " (a running node refuses it from its next request)");
            return 0;
        }
    }
}
