package org.touchline.cli;

import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.node.Customers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

@Command(name = "customer", description = {
        "Find a customer by any identifier and print their interactions, newest first.",
        "The timeline also holds bookkeeping entries (consents, tokens, identity decisions): --all shows them in place."},
        footer = {"%nExamples:", "  touchline customer --identifier email:ann@example.com",
                "  touchline customer -i phone:+447700900123 --limit 50 --all"})
final class CustomerCommand implements Callable<Integer> {
    /** How many timeline pages are read at most to find {@code --limit} interactions among bookkeeping entries. */
    private static final int MAX_PAGES = 20;
    @Mixin DataDirOption data;
    @Option(names = {"-i", "--identifier"}, required = true, paramLabel = "TYPE:VALUE", description = "e.g. email:ann@example.com") String identifier;
    @Option(names = "--limit", defaultValue = "20", description = "how many interactions (default: ${DEFAULT-VALUE})") int limit;
    @Option(names = "--all", description = "show consents, token movements and identity decisions among the interactions") boolean all;

    @Override
    public Integer call() throws Exception {
        try (var open = data.openToRead()) {
            Identifier id = Identifier.parse(identifier);
            var customer = open.node().customers().findByIdentifier(id);
            if (customer.isEmpty()) throw new NoSuchElementException("no customer has " + id + ": check the value, or try another identifier type");
            open.node().accessLog().commandLineRead(customer.get(), "service", "touchline customer");
            List<Customers.TimelineItem> shown = new ArrayList<>();
            int interactions = 0, bookkeeping = 0;
            String cursor = null;
            long total = 0;
            for (int page = 0; page < MAX_PAGES && interactions < limit; page++) {
                Customers.TimelinePage p = open.node().customers().timeline(customer.get(), cursor, 200);
                total = p.total();
                for (Customers.TimelineItem item : p.items()) {
                    if (interactions >= limit) break;
                    if (item.interaction() != null) {
                        interactions++;
                        shown.add(item);
                    } else {
                        bookkeeping++;
                        if (all) shown.add(item);
                    }
                }
                cursor = p.next();
                if (cursor == null) break;
            }
            System.out.printf("%s: %,d timeline entries; the newest %,d interactions%s%n", customer.get(), total, interactions,
                    all ? " with the bookkeeping among them" : bookkeeping == 0 ? "" : " (" + bookkeeping + " bookkeeping entries among them not shown: --all)");
            for (Customers.TimelineItem item : shown) System.out.println("  " + line(item));
        }
        return 0;
    }

    /** One timeline entry on one line: an interaction, or the bookkeeping entry stamped with the time it records. */
    static String line(Customers.TimelineItem item) {
        String role = item.role().equals("subject") ? "" : " (as " + item.role() + ")";
        if (item.interaction() != null) {
            Interaction i = item.interaction();
            return String.format("%s  %-13s %-22s %-10s %s%s", i.occurredAt(), i.channel(), i.type(), i.source(),
                    i.agentId() == null ? "" : "agent " + i.agentId(), role).stripTrailing();
        }
        if (item.event() != null) {
            var e = item.event();
            String recorded = e.occurredAt().equals(e.at()) ? "" : ", recorded " + e.at();
            return String.format("%s  %-13s %-22s %s%s%s", e.occurredAt(), "(" + e.kind() + ")", summary(e.fields()), "entry " + item.index(), recorded, role);
        }
        var d = item.decision();
        return String.format("%s  %-13s %-22s %s%s", d.at(), "(identity)", d.kind(), "entry " + item.index(), role);
    }

    /** When a bookkeeping entry happened, and when it was recorded if the source gave another time. */
    static String when(EventEntry e) {
        return e.occurredAt().equals(e.at()) ? e.at().toString() : e.occurredAt() + " (recorded " + e.at() + ")";
    }

    private static String summary(Map<String, String> fields) {
        if (fields.containsKey("purpose") && fields.containsKey("state")) return fields.get("purpose") + " " + fields.get("state");
        for (String k : List.of("state", "amount", "action", "outcome", "rating"))
            if (fields.containsKey(k)) return k + " " + fields.get(k);
        return "";
    }
}
