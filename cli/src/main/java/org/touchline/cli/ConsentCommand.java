package org.touchline.cli;

import org.touchline.node.Consents;
import org.touchline.node.command.CustomerEvents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.OffsetDateTime;
import java.util.concurrent.Callable;

@Command(name = "consent", description = {"Show a customer's consent per purpose, or record one: PURPOSE granted|refused|withdrawn.",
        "Purposes: service, analytics, personalisation, marketing, model_training."})
final class ConsentCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Parameters(index = "0", paramLabel = "CUSTOMER", description = "the customer id (cu_...)") String customer;
    @Parameters(index = "1", arity = "0..1", paramLabel = "PURPOSE", description = "service, analytics, personalisation, marketing or model_training: record a change (else show them all)") String purpose;
    @Parameters(index = "2", arity = "0..1", paramLabel = "STATE", description = "granted, refused or withdrawn") String state;
    @Option(names = "--channel", description = "where the customer said so (required when recording)") String channel;
    @Option(names = "--reason", description = "why, in the customer's words (kept with the entry)") String reason;
    @Option(names = "--at", paramLabel = "TIME", description = {"when the customer said so, e.g. 2026-03-01T09:30:00Z (a form filled in earlier);",
            "default: now. The entry keeps both: this time, and when it was recorded"}) OffsetDateTime at;

    @Override
    public Integer call() throws Exception {
        var serving = data.serving();
        if (purpose != null && serving.isPresent()) {
            if (state == null) throw new IllegalArgumentException("give the state too: granted, refused or withdrawn");
            if (channel == null) throw new IllegalArgumentException("give --channel: where the customer said so");
            var answer = serving.get().post("/v1/customers/" + customer + "/consents",
                    RunningNode.body().put("purpose", purpose).put("state", state).put("channel", channel).put("reason", reason)
                            .put("occurredAt", at == null ? null : at.toInstant().toString()));
            System.out.println(purpose + " " + state + ": recorded at entry " + answer.path("entry").asLong());
            purpose = null; // then show the consents as they are now, read beside the node
        }
        try (var open = purpose == null ? data.openToRead() : data.openToAppend("on a running node (touchline serve --cluster) use POST /v1/customers/{id}/consents")) {
            CustomerEvents events = open.node().customerEvents();
            if (purpose != null) {
                if (state == null) throw new IllegalArgumentException("give the state too: granted, refused or withdrawn");
                long index = events.consent(new CustomerEvents.ConsentChange(customer, purpose, state, channel, reason, at == null ? null : at.toInstant()));
                System.out.println(purpose + " " + state + ": recorded at entry " + index);
            }
            var consents = open.node().consents().consents(customer);
            open.node().accessLog().commandLineRead(customer, "service", "touchline consent");
            for (String p : Consents.PURPOSES) {
                var row = consents.get(p);
                System.out.printf("%-16s %-8s %s%n", p, Consents.allowedBy(p, row) ? "allowed" : "not", row == null ? "(never asked)"
                        : row.event().field("state") + " at " + CustomerCommand.when(row.event()) + " via " + row.event().field("channel") + " (entry " + row.entry() + ")");
            }
        }
        return 0;
    }
}
