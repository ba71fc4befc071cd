package org.touchline.node;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Records handed to the single writer (docs/architecture.md, "The path of a write"): each is prepared in the caller's
 * thread (canonical personal part, salted commitment, leaf), then sequenced and appended with its group.
 */
public final class Submissions {
    private final Appender appender;
    private final Vault vault;

    Submissions(Appender appender, Vault vault) {
        this.appender = appender;
        this.vault = vault;
    }

    /** Appends {@code candidates}, each with a new salt; the future completes once they are durable, one outcome each. */
    public CompletableFuture<List<Outcome>> submit(String submitter, List<Candidate> candidates) {
        return submit(submitter, candidates, c -> vault.newSalt());
    }

    /**
     * As {@link #submit(String, List)} with each record's salt given by {@code saltOf}: a cluster node appends an
     * ordered batch with the salts its envelope carries, so its leaves equal every peer's.
     */
    public CompletableFuture<List<Outcome>> submit(String submitter, List<Candidate> candidates, Function<Candidate, byte[]> saltOf) {
        return appender.submit(submitter, Prepared.all(candidates, saltOf));
    }

    /** Who is told of every durable record, refused record, written group and identity decision. */
    public WriteObserver observer() { return appender.observer(); }
}
