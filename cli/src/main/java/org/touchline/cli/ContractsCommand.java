package org.touchline.cli;

import org.touchline.contracts.ActionType;
import org.touchline.contracts.CompiledContract;
import org.touchline.contracts.ContractAction;
import org.touchline.contracts.ContractCompiler;
import org.touchline.contracts.ContractDefinition;
import org.touchline.contracts.ContractSamples;
import org.touchline.contracts.ContractSchema;
import org.touchline.contracts.CustomerState;
import org.touchline.contracts.Outcome;
import org.touchline.contracts.SignedContract;
import org.touchline.domain.InteractionJson;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.NoteVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "contracts", description = "Contracts: check, test, sign and verify contract definitions (CEL conditions, typed actions).",
        subcommands = {ContractsCommand.Check.class, ContractsCommand.Test.class, ContractsCommand.Sign.class, ContractsCommand.Verify.class,
                ContractsCommand.Keygen.class, ContractsCommand.Schema.class,
                ContractsCommand.Deploy.class, ContractsCommand.ChangeState.class, ContractsCommand.ListDeployed.class})
final class ContractsCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /** A definition from a YAML file, or from a signed contract (its signatures are not checked here). */
    static ContractDefinition load(Path file) throws IOException {
        String text = Files.readString(file);
        return SignedContract.looksSigned(text) ? SignedContract.parse(text).definition() : ContractDefinition.parse(text, file.getFileName().toString());
    }

    static String summary(CompiledContract c) {
        return String.format(Locale.ROOT, "%s (sha256 %s), cost %d of %d, %d action(s)", c.definition().label(), c.sha256(),
                c.estimatedCost(), c.definition().limits().maxCost(), c.definition().actions().size());
    }

    @Command(name = "check", description = "Read and compile a contract (YAML or signed): fields, CEL types and the cost bound. Exit 1 with the reason if it fails.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "contract definition (.yaml) or signed contract") Path file;

        @Override
        public Integer call() throws Exception {
            CompiledContract c = ContractCompiler.STANDARD.compile(load(file));
            System.out.println("ok: " + summary(c));
            return 0;
        }
    }

    @Command(name = "test", description = {"Run a contract against sample entries before deploying it.",
            "Each line of the samples file is {\"entry\": {...}, \"customer\": {...}, \"expect\": [...]} (customer and expect optional). "
                    + "Prints, per sample, whether it matched, the actions with their resolved parameters or the evaluation error. "
                    + "Exit 1 if the contract does not compile or a sample's expectation fails."})
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "contract definition (.yaml) or signed contract") Path file;
        @Option(names = "--entries", required = true, paramLabel = "JSONL", description = "sample entries, one JSON object a line") Path entries;
        @Option(names = "--customer", paramLabel = "JSON", description = "customer state for samples that give none") Path customer;

        @Override
        public Integer call() throws Exception {
            CompiledContract c = ContractCompiler.STANDARD.compile(load(file));
            CustomerState dflt = customer == null ? CustomerState.EMPTY : CustomerState.fromJson(InteractionJson.MAPPER.readTree(customer.toFile()));
            List<ContractSamples.Sample> samples = ContractSamples.read(entries, dflt);
            System.out.println("contract " + summary(c));
            int matched = 0, notMatched = 0, notTriggered = 0, errors = 0, passed = 0, failed = 0;
            for (ContractSamples.Sample s : samples) {
                ContractSamples.Result r = ContractSamples.run(c, s);
                Outcome o = r.outcome();
                String head = "#" + s.line() + " " + s.label() + " (entry " + s.entry().index() + ", " + s.entry().kind()
                        + (s.entry().type() == null ? "" : " " + s.entry().type()) + "): ";
                switch (o.status()) {
                    case MATCHED -> {
                        matched++;
                        System.out.println(head + "matched, " + o.actions().size() + " action(s)");
                        for (ContractAction a : o.actions()) System.out.println("    " + a.describe());
                    }
                    case NOT_MATCHED -> {
                        notMatched++;
                        System.out.println(head + "not matched (condition false)");
                    }
                    case NOT_TRIGGERED -> {
                        notTriggered++;
                        System.out.println(head + "not triggered (the trigger does not name this entry)");
                    }
                    case ERROR -> {
                        errors++;
                        System.out.println(head + "error, no action: " + o.error());
                    }
                }
                if (r.passed() != null) {
                    if (r.passed()) passed++;
                    else failed++;
                    System.out.println(r.passed() ? "    as expected" : "    FAILED: " + r.mismatch());
                }
            }
            System.out.printf(Locale.ROOT, "%d sample(s): %d matched, %d not matched, %d not triggered, %d error(s); expectations: %d passed, %d failed%n",
                    samples.size(), matched, notMatched, notTriggered, errors, passed, failed);
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "sign", description = {"Sign a contract with an administrator's key, as a C2SP signed note: what a deploy entry carries.",
            "The contract is compiled first; a contract that is already signed gets this key's signature added."})
    static final class Sign implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "contract definition (.yaml) or signed contract") Path file;
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "administrator signer key (PRIVATE+KEY+...), from 'touchline contracts keygen'") Path key;
        @Option(names = "--out", paramLabel = "FILE", description = "write the signed contract here (default: standard output)") Path out;

        @Override
        public Integer call() throws Exception {
            NoteSigner signer = NoteSigner.parse(Files.readString(key).strip());
            String text = Files.readString(file);
            SignedContract signed = SignedContract.looksSigned(text) ? SignedContract.parse(text).cosign(signer)
                    : SignedContract.sign(ContractDefinition.parse(text, file.getFileName().toString()), signer);
            CompiledContract c = ContractCompiler.STANDARD.compile(signed.definition());
            if (out == null) {
                System.out.print(signed.encode());
            } else {
                Files.writeString(out, signed.encode());
                System.out.println("signed " + summary(c) + " by " + signer.name() + " -> " + out);
            }
            return 0;
        }
    }

    @Command(name = "verify", description = "Check a signed contract: its text against its definition, and its signatures against trusted administrator keys.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "signed contract") Path file;
        @Option(names = "--trusted", required = true, paramLabel = "FILE", description = "administrator verifier keys (name+hash+key), one a line; '#' starts a comment") Path trusted;

        @Override
        public Integer call() throws Exception {
            List<NoteVerifier> keys = new ArrayList<>();
            for (String line : Files.readAllLines(trusted)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) keys.add(NoteVerifier.parse(l));
            }
            SignedContract signed = SignedContract.parse(Files.readString(file));
            List<String> signers = signed.verify(keys);
            CompiledContract c = ContractCompiler.STANDARD.compile(signed.definition());
            System.out.println("verified: " + summary(c) + ", signed by " + String.join(", ", signers));
            return 0;
        }
    }

    @Command(name = "keygen", description = "Make an administrator's Ed25519 key pair for signing contracts (the node's own key is 'touchline keys').")
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--name", defaultValue = "touchline-admin", paramLabel = "NAME", description = "key name, e.g. admin.example.com/alice (no spaces or '+'); default ${DEFAULT-VALUE}") String name;
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "where to write the secret signer key (never overwritten); the verifier key goes beside it as .vkey") Path key;

        @Override
        public Integer call() throws Exception {
            NoteKeys keys = NoteKeys.generate(name);
            Path vkey = key.resolveSibling(key.getFileName().toString().replaceFirst("\\.key$", "") + ".vkey");
            if (Files.exists(key)) throw new IllegalArgumentException(key + " exists: not overwriting a key");
            Files.writeString(key, "", StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(key, keys.signerKey() + "\n");
            Files.writeString(vkey, keys.verifierKey() + "\n");
            System.out.println("signer key   " + key + " (secret)");
            System.out.println("verifier key " + vkey + ":");
            System.out.println(keys.verifierKey());
            return 0;
        }
    }

    @Command(name = "schema", description = "What a condition can read: the fields of entry and customer, and the actions with their parameters.")
    static final class Schema implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.print(ContractSchema.describe());
            System.out.println();
            System.out.println("actions");
            for (ActionType t : ActionType.values()) {
                List<String> params = new ArrayList<>();
                t.params().values().forEach(p -> params.add(p.name() + (p.required() ? "" : "?") + ": " + p.kind().name().toLowerCase(Locale.ROOT)));
                System.out.println("  " + t.wireName() + " {" + String.join(", ", params) + "}");
            }
            return 0;
        }
    }

    @Command(name = "deploy", description = {"Deploy a signed contract on the node: a ledger entry. The signature must be by an administrator",
            "listed in contract-admins.vkeys in the data directory; a higher version replaces the deployed one."})
    static final class Deploy implements Callable<Integer> {
        @CommandLine.Mixin DataDirOption data;
        @CommandLine.Parameters(paramLabel = "SIGNED_FILE", description = "the signed contract (touchline contracts sign)") Path file;
        @CommandLine.Option(names = "--actor", required = true, description = "who deploys it (for the record)") String actor;

        @Override
        public Integer call() throws Exception {
            var serving = data.serving();
            if (serving.isPresent()) {
                var body = RunningNode.body().put("signed", Files.readString(file));
                var answer = serving.get().post("/v1/contracts?actor=" + URLEncoder.encode(actor, StandardCharsets.UTF_8), body);
                System.out.println("deployed " + file.getFileName() + ": entry " + answer.path("entry").asLong());
                return 0;
            }
            try (var open = data.openToAppend("on a running node (touchline serve --cluster) use POST /v1/contracts")) {
                long index = open.node().contracts().deploy(Files.readString(file), actor);
                System.out.println("deployed " + file.getFileName() + ": entry " + index);
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Pause, resume or retire a deployed contract: a ledger entry.")
    static final class ChangeState implements Callable<Integer> {
        @CommandLine.Mixin DataDirOption data;
        @CommandLine.Parameters(index = "0", paramLabel = "pause|resume|retire", description = "pause, resume or retire") String change;
        @CommandLine.Parameters(index = "1", paramLabel = "ID", description = "the contract's id") String id;
        @CommandLine.Parameters(index = "2", paramLabel = "VERSION", description = "the deployed version") long version;
        @CommandLine.Option(names = "--actor", required = true, description = "who changes it (for the record)") String actor;

        @Override
        public Integer call() throws Exception {
            if (!List.of("pause", "resume", "retire").contains(change))
                throw new IllegalArgumentException("say pause, resume or retire, not '" + change + "'");
            var serving = data.serving();
            if (serving.isPresent()) {
                var answer = serving.get().post("/v1/contracts/" + id + "/" + version + "/" + change, RunningNode.body().put("actor", actor));
                System.out.println(change + " " + id + "@" + version + ": entry " + answer.path("entry").asLong());
                return 0;
            }
            try (var open = data.openToAppend("on a running node (touchline serve --cluster) use POST /v1/contracts/{id}/{version}/{change}")) {
                var c = open.node().contracts();
                long index = switch (change) {
                    case "pause" -> c.pause(id, version, actor);
                    case "resume" -> c.resume(id, version, actor);
                    case "retire" -> c.retire(id, version, actor);
                    default -> throw new IllegalArgumentException("say pause, resume or retire, not '" + change + "'");
                };
                System.out.println(change + " " + id + "@" + version + ": entry " + index);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "The contracts deployed on the node, as the ledger says.")
    static final class ListDeployed implements Callable<Integer> {
        @CommandLine.Mixin DataDirOption data;

        @Override
        public Integer call() throws Exception {
            try (var open = data.openToRead()) {
                var deployed = open.node().contracts().deployments();
                if (deployed.isEmpty()) System.out.println("no contracts deployed");
                for (var d : deployed)
                    System.out.printf("%-28s v%-3d %-7s %s%n", d.contract().id(), d.contract().version(), d.state(), d.contract().sha256().substring(0, 16));
            }
            return 0;
        }
    }
}
