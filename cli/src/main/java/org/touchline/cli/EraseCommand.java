package org.touchline.cli;

import org.touchline.domain.EventEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "erase", description = {
        "Erase a customer's personal data: their data keys, personal parts and salts are destroyed and every projection",
        "forgets them; the log and every proof stay valid. The erasure is itself a ledger entry holding no personal data."})
final class EraseCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Parameters(paramLabel = "CUSTOMER", description = "the customer id (cu_...)") String customer;
    @Option(names = "--actor", required = true, description = "who erases (for the record)") String actor;
    @Option(names = "--yes", description = "erase without asking: this cannot be undone") boolean yes;

    @Override
    public Integer call() throws Exception {
        if (!yes) throw new IllegalArgumentException("erasure cannot be undone; run again with --yes to erase " + customer);
        var serving = data.serving();
        if (serving.isPresent()) {
            var answer = serving.get().post("/v1/customers/" + customer + "/erasure", RunningNode.body().put("actor", actor).put("confirm", customer));
            System.out.printf(Locale.ROOT, "erased %s: %d personal part(s) destroyed, keys of %s deleted; recorded at entry %d%n",
                    customer, answer.path("personalPartsErased").asLong(), answer.path("customers").asText(), answer.path("entry").asLong());
            return 0;
        }
        try (var open = data.openToAppend("on a running node (touchline serve --cluster) use POST /v1/customers/{id}/erasure")) {
            long started = System.nanoTime();
            long index = open.node().customerEvents().erase(customer, actor);   // forgets the access log too
            var e = EventEntry.parse(open.node().ledger().leaf(index));
            System.out.printf(Locale.ROOT, "erased %s: %s personal part(s) destroyed, keys of %s deleted; recorded at entry %d (%.0f ms)%n",
                    customer, e.field("entries"), e.field("customers"), index, (System.nanoTime() - started) / 1e6);
        }
        return 0;
    }
}
