package org.touchline.domain.store;

/** One store as the contract tests see it: its three parts, and closing it. */
public interface StoreUnderTest extends AutoCloseable {
    LedgerStore ledger();

    ProjectionStore projections();

    DeadLetterStore deadLetters();

    @Override
    void close();
}
