package org.touchline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "checkpoint", description = "Print the latest signed checkpoint (C2SP tlog-checkpoint as a signed note).")
final class CheckpointCommand implements Callable<Integer> {
    @Mixin DataDirOption data;

    @Override
    public Integer call() throws Exception {
        try (var open = data.openToRead()) {
            System.out.print(open.node().reader().checkpoint());
        }
        return 0;
    }
}
