package org.touchline.domain.store;

import java.util.List;
import java.util.function.Consumer;

/**
 * The projections, every one of them derived from the ledger: all of it can be dropped and replayed. Each part is its
 * own interface, by what it stores, for the code that reads only that part; this is their composition, with the one
 * write ({@link #apply}) that keeps them all in step and what a rebuild checks them by.
 */
public interface ProjectionStore extends CustomerProjection, IdentityProjection, TimelineProjection, EventProjection,
        ErasureProjection, TokenProjection, FactProjection, SearchProjection, RequestProjection {
    /** Drops every projection; {@code touchline rebuild} then replays the ledger through {@link #apply}. */
    void reset();

    void apply(ProjectionChanges changes);

    /** A stable digest of every projection table, to prove a rebuild ends where live ingest did. */
    String digest();

    /** The projection tables, in the order {@link #digest} reads them. */
    List<String> tables();

    /**
     * Rows {@code offset} to {@code offset + limit - 1} of a projection table in the order of its primary key, each as
     * {@code column=value} pairs (binary values in hex), all of it when {@code limit} is negative; what a check of the
     * projections against a rebuild compares, naming the first row that differs.
     */
    void rows(String table, long offset, long limit, Consumer<String> row);
}
