package org.touchline.node;

/**
 * What the write path reports as it goes, for whoever watches the node: the server binds it to its metrics
 * (docs/operations.md), so this module needs no metrics library. Called on the writer's and the ingesting threads for
 * every record: an implementation only counts, never blocks and never throws.
 */
public interface WriteObserver {
    WriteObserver NONE = new WriteObserver() {};

    /** A record of {@code source} and {@code channel} is durable in the log: newly appended, or a duplicate of one it held. */
    default void recorded(String source, String channel, boolean duplicate) {}

    /**
     * A record refused before it reached the log (it went to the dead letters, or was counted past its source's quota).
     * {@code source} and {@code channel} are null when the record could not be read far enough to say.
     */
    default void refused(String source, String channel) {}

    /** One group of {@code entries} entries written in one durable transaction, taking {@code nanos}. */
    default void groupWritten(int entries, long nanos) {}

    /** An identity decision of {@code kind} (merged, matched, review, ...) is durable in the log. */
    default void decided(String kind) {}
}
