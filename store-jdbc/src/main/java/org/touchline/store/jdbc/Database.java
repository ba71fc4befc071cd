package org.touchline.store.jdbc;

import org.touchline.domain.store.Append;

import java.util.List;

/**
 * One database under a store: how its connections are held, transactions run and failures reported is the
 * database's own (SQLite file, PostgreSQL server); the store's SQL is written once against this.
 */
public interface Database {
    /** Runs {@code work} in one write transaction: committed (durably) if it returns, rolled back whole if it throws. */
    <T> T write(Work<T> work);

    /** Runs {@code work} on a read connection, which sees the last committed state. */
    <T> T read(Work<T> work);

    /**
     * Runs a long scan: one snapshot for the whole of it, rows streamed with the statement's fetch size instead of
     * loaded whole. Reads made inside it (on the same thread) see the same state.
     */
    <T> T stream(Work<T> work);

    /** After a committed erasure: make the erased rows gone from the database's files too, not only from its tables. */
    void afterErasure(Append.Erasure erasure);

    SqlDialect dialect();

    /**
     * What the database's own check of its files' structure reports (empty when sound, or when it has no such
     * check): slow, in proportion to the files, so the integrity watch runs it in the background.
     */
    default List<String> structuralProblems() { return List.of(); }
}
