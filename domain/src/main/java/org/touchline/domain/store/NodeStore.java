package org.touchline.domain.store;

/** The stores of one node, opened together on one database and closed together. */
public interface NodeStore extends AutoCloseable {
    LedgerStore ledger();

    ProjectionStore projections();

    DeadLetterStore deadLetters();

    /** Outbound destinations: subscriptions, their cursors and the deliveries they owe (not projections). */
    DestinationStore destinations();

    /** Audiences' members and sizes, kept by the audience evaluator (not projections). */
    AudienceStore audiences();

    @Override
    void close();
}
