package org.touchline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "export", description = {"Write a customer's export bundle: every entry of theirs, its personal part and salt, and an",
        "inclusion proof to a signed checkpoint. `touchline verify-bundle` (or any RFC 6962 verifier) checks it offline."})
final class ExportCommand implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Parameters(paramLabel = "CUSTOMER", description = "the customer id (cu_...)") String customer;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "where to write the bundle (JSON)") Path output;

    @Override
    public Integer call() throws Exception {
        try (var open = data.openToRead()) {
            long started = System.nanoTime();
            var bundle = open.node().exportBundle(customer);
            Files.writeString(output, bundle.toPrettyString());
            open.node().accessLog().commandLineRead(bundle.get("customerId").asText(), "transparency", "touchline export");
            System.out.printf(Locale.ROOT, "%s: %d entries proved against the checkpoint of size %d, written to %s (%.0f ms)%n",
                    bundle.get("customerId").asText(), bundle.get("entries").size(), bundle.get("treeSize").asLong(), output,
                    (System.nanoTime() - started) / 1e6);
        }
        return 0;
    }
}
