package org.touchline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "rebuild", description = "Drop every projection (customers, identifier index, timelines) and replay the ledger.")
final class RebuildCommand implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Override
    public Integer call() throws Exception {
        try (var open = data.open()) {
            String before = open.node().projections().digest();
            open.node().rebuild(new ConsoleProgress(System.out));
            String after = open.node().projections().digest();
            System.out.println("projections digest before " + before.substring(0, 16) + ", after " + after.substring(0, 16)
                    + (before.equals(after) ? " (identical)" : " (changed: the projections had drifted from the ledger)"));
        }
        return 0;
    }
}
