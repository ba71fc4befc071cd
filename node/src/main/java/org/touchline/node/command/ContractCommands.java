package org.touchline.node.command;

import org.touchline.contracts.ContractCompiler;
import org.touchline.contracts.ContractEngine;
import org.touchline.contracts.SignedContract;
import org.touchline.ledger.NoteVerifier;
import org.touchline.node.CommandEntry;
import org.touchline.node.CommandWriter;
import org.touchline.node.ContractEntries;
import org.touchline.node.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Deploying, pausing, resuming and retiring contracts (contracts/README.md), each a ledger entry of kind {@code contract}.
 * A deployment must be signed by a trusted administrator, whose verifier keys are listed one per line in
 * {@value #ADMINS_FILE} in the data directory; the entry carries the signed definition, so every node and every replay
 * deploys exactly the same contract at the same index.
 */
public final class ContractCommands {
    public static final String ADMINS_FILE = "contract-admins.vkeys";
    private final Path dataDir;
    private final Supplier<ContractEngine> deployments;
    private final CommandWriter writer;
    private final Clock clock;
    private final boolean appends;

    /**
     * {@code deployments}: the contracts deployed as the ledger says at the moment it is asked; {@code appends} false:
     * each command checks its request as it would before appending, then appends nothing (see
     * {@link Node#contracts(Clock, boolean)}).
     */
    public ContractCommands(Path dataDir, Supplier<ContractEngine> deployments, CommandWriter writer, Clock clock, boolean appends) {
        this.dataDir = dataDir;
        this.deployments = deployments;
        this.writer = writer;
        this.clock = clock;
        this.appends = appends;
    }

    /** The trusted administrators' verifier keys; none if the file is missing. */
    static List<NoteVerifier> admins(Path dataDir) {
        Path file = dataDir.resolve(ADMINS_FILE);
        if (!Files.exists(file)) return List.of();
        try {
            List<NoteVerifier> out = new ArrayList<>();
            int line = 0;
            for (String l : Files.readAllLines(file)) {
                line++;
                if (l.isBlank() || l.startsWith("#")) continue;
                try {
                    out.add(NoteVerifier.parse(l.strip()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + " line " + line + ": not a verifier key: " + e.getMessage());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deploys a signed contract (a new version replaces the deployed one). Returns the entry's index. */
    public long deploy(String signedText, String actor) {
        SignedContract signed = SignedContract.parse(signedText);
        List<NoteVerifier> admins = admins(dataDir);
        if (admins.isEmpty()) throw new IllegalStateException("no trusted administrators: list their verifier keys in " + ADMINS_FILE + " in the data directory");
        signed.verify(admins);
        ContractCompiler.STANDARD.compile(signed.definition());
        var d = signed.definition();
        return append(actor, ContractEntries.DEPLOY, d.id(), d.version(), Map.of("signed", signed.encode(), "definition", d.sha256()),
                engine -> engine.checkDeploy(d));
    }

    public long pause(String id, long version, String actor) { return change(ContractEntries.PAUSE, ContractEngine.Change.PAUSE, id, version, actor); }

    public long resume(String id, long version, String actor) { return change(ContractEntries.RESUME, ContractEngine.Change.RESUME, id, version, actor); }

    public long retire(String id, long version, String actor) { return change(ContractEntries.RETIRE, ContractEngine.Change.RETIRE, id, version, actor); }

    private long change(String name, ContractEngine.Change change, String id, long version, String actor) {
        return append(actor, name, id, version, Map.of(), engine -> engine.checkChange(change, id, version));
    }

    /** The deployments as the ledger says now. */
    public List<ContractEngine.Deployment> deployments() { return deployments.get().deployments(); }

    private long append(String actor, String change, String id, long version, Map<String, String> more,
                        Consumer<ContractEngine> check) {
        if (actor == null || actor.isBlank()) throw new IllegalArgumentException("actor is required: who changes the contracts");
        if (!appends) {
            check.accept(deployments.get());
            return -1;
        }
        return writer.command(actor, (index, graph, changes) -> {
            // Checked inside the writer, against the deployments exactly as the ledger holds them now.
            check.accept(deployments.get());
            return List.of(CommandEntry.recorded(ContractEntries.change(change, id, version, actor, more, clock.instant())));
        });
    }
}
