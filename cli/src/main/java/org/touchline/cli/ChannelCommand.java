package org.touchline.cli;

import org.touchline.domain.InteractionJson;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.NoteVerifier;
import org.touchline.node.SignedBatches;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/** {@code touchline channel ...}: channel nodes' keys and signed batches (docs/ingest.md, "Signed batches"). */
@Command(name = "channel", description = {"Channel nodes' signed batches: keygen NAME, register VKEY, revoke NAME, sign --key F --batch ID RECORDS.",
        "POST the signed body to /v1/batches."},
        subcommands = {ChannelCommand.Keygen.class, ChannelCommand.Register.class, ChannelCommand.Revoke.class, ChannelCommand.Sign.class})
final class ChannelCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "keygen", description = "A channel node's key pair: the signer key to FILE (keep it secret), the verifier key to stdout.")
    static final class Keygen implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "e.g. channel.stores.example/node-1") String name;
        @Option(names = "--out", required = true, description = "where to write the signer key (keep it secret)") Path out;

        @Override
        public Integer call() throws Exception {
            NoteKeys keys = NoteKeys.generate(name);
            Files.writeString(out, keys.signerKey() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            System.out.println(keys.verifierKey());
            return 0;
        }
    }

    @Command(name = "register", description = "Trust a channel node's verifier key on this node.")
    static final class Register implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "VKEY", description = "the channel node's verifier key (name+hash+key), as keygen printed it") String vkey;

        @Override
        public Integer call() throws Exception {
            NoteVerifier.parse(vkey.strip());   // refuses a malformed key before it is written
            Files.writeString(data.path().resolve(SignedBatches.KEYS_FILE), vkey.strip() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("registered " + vkey.strip().split("\\+")[0]);
            return 0;
        }
    }

    @Command(name = "revoke", description = "Stop accepting batches signed by a channel key (by its name).")
    static final class Revoke implements Callable<Integer> {
        @Mixin DataDirOption data;
        @Parameters(index = "0", paramLabel = "NAME", description = "the channel key's name") String name;

        @Override
        public Integer call() throws Exception {
            Files.writeString(data.path().resolve(SignedBatches.REVOKED_FILE), name + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("revoked " + name);
            return 0;
        }
    }

    @Command(name = "sign", description = "Sign an NDJSON file of Interaction v1 records as one batch; prints the JSON body for POST /v1/batches.")
    static final class Sign implements Callable<Integer> {
        @Option(names = "--key", required = true, description = "the channel node's signer key file") Path key;
        @Option(names = "--batch", required = true, description = "a batch id never used before by this channel") String batch;
        @Parameters(index = "0", paramLabel = "RECORDS", description = "Interaction v1 NDJSON, one record a line") Path records;

        @Override
        public Integer call() throws Exception {
            String ndjson = Files.readString(records, StandardCharsets.UTF_8);
            String note = SignedBatches.sign(NoteSigner.parse(Files.readString(key).strip()), batch, ndjson);
            System.out.println(InteractionJson.MAPPER.createObjectNode().put("note", note).put("records", ndjson));
            return 0;
        }
    }
}
