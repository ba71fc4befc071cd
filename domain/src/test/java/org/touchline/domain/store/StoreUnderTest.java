package org.touchline.domain.store;

/** One store as the contract tests see it: its parts, and closing it. */
public interface StoreUnderTest extends AutoCloseable {
    LedgerStore ledger();

    ProjectionStore projections();

    DeadLetterStore deadLetters();

    DestinationStore destinations();

    AudienceStore audiences();

    @Override
    void close();
}
