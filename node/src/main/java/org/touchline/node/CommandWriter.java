package org.touchline.node;

import org.touchline.domain.store.ProjectionChanges;
import org.touchline.identity.IdentityGraph;

import java.util.List;

/**
 * The single writer, as a command sees it: appends what {@code command} gives with nothing else in flight, and
 * answers the first entry's index (see {@link Appender#command}).
 */
@FunctionalInterface
public interface CommandWriter {
    long command(String submitter, Command command);

    /**
     * A command: applies itself from {@code index} on and returns the entries that record it, the first at
     * {@code index} (most commands are one entry; recording re-resolved decisions is many, with no effect of their own).
     */
    @FunctionalInterface
    interface Command {
        List<CommandEntry> apply(long index, IdentityGraph resolver, ProjectionChanges changes);
    }
}
