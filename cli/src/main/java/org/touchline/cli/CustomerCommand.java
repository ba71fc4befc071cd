package org.touchline.cli;

import org.touchline.domain.Identifier;
import org.touchline.node.Customers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "customer", description = "Find a customer by any identifier and print their timeline, newest first.")
final class CustomerCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Option(names = {"-i", "--identifier"}, required = true, paramLabel = "TYPE:VALUE", description = "e.g. email:ann@example.com") String identifier;
    @Option(names = "--limit", defaultValue = "20") int limit;

    @Override
    public Integer call() throws Exception {
        try (var open = data.open()) {
            Identifier id = Identifier.parse(identifier);
            var customer = open.node().customers().findByIdentifier(id);
            if (customer.isEmpty()) {
                System.out.println("no customer has " + id);
                return 3;
            }
            Customers.TimelinePage page = open.node().customers().timeline(customer.get(), null, limit);
            org.touchline.server.AccessLog.commandLineRead(open.node(), customer.get(), "service", "touchline customer");
            System.out.println(page.customerId() + ": " + page.total() + " interactions");
            for (Customers.TimelineItem item : page.items()) {
                var i = item.interaction();
                System.out.printf("  %s  %-13s %-22s %-10s %s%s%n", i.occurredAt(), i.channel(), i.type(), i.source(),
                        i.agentId() == null ? "" : "agent " + i.agentId() + " ",
                        item.role().equals("subject") ? "" : "(as " + item.role() + ")");
            }
        }
        return 0;
    }
}
