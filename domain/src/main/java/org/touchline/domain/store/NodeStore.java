package org.touchline.domain.store;

/** The three stores of one node, opened together on one database and closed together. */
public interface NodeStore extends AutoCloseable {
    LedgerStore ledger();

    ProjectionStore projections();

    DeadLetterStore deadLetters();

    @Override
    void close();
}
