package org.touchline.cli;

import org.touchline.node.NodeIdentity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "keys", description = "The node's keys.", subcommands = KeysCommand.Show.class)
final class KeysCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "show", description = "Print the verifier key in C2SP signed-note text form (name+hash+base64).")
    static final class Show implements Callable<Integer> {
        @Mixin DataDirOption data;

        @Override
        public Integer call() throws Exception {
            System.out.println(NodeIdentity.openOrCreate(data.path(), null).verifierKey());
            return 0;
        }
    }
}
