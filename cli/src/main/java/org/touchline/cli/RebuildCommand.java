package org.touchline.cli;

import org.touchline.domain.InteractionJson;
import org.touchline.domain.state.CacheStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "rebuild", description = {"Drop every projection (customers, identifier index, timelines) and replay the ledger.",
        "Beside a serving node the node does it as a job, in place: meanwhile it answers the ledger and its proofs, and",
        "every route that reads projections (readiness too) answers 503 until the replay is done."})
final class RebuildCommand implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Override
    public Integer call() throws Exception {
        var serving = data.serving();
        if (serving.isPresent()) {
            var r = serving.get().job("rebuild", new ConsoleProgress(System.out));
            print(r.path("digestBefore").asText(), r.path("digestAfter").asText());
            for (var c : r.path("caches")) System.out.println("  " + InteractionJson.MAPPER.treeToValue(c, CacheStats.class).summary());
            return ExitCode.OK;
        }
        try (var open = data.open()) {
            String before = open.node().projections().digest();
            var caches = open.node().rebuild(new ConsoleProgress(System.out));
            print(before, open.node().projections().digest());
            // The replay reads the state it writes through bounded caches (-Dtouchline.stateCache): how they did.
            caches.forEach(c -> System.out.println("  " + c.summary()));
        }
        return ExitCode.OK;
    }

    private static void print(String before, String after) {
        System.out.println("projections digest before " + before.substring(0, 16) + ", after " + after.substring(0, 16)
                + (before.equals(after) ? " (identical)" : " (changed: the projections had drifted from the ledger)"));
    }
}
