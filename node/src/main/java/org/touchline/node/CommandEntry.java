package org.touchline.node;

import org.touchline.domain.EventEntry;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.store.Append;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.SealedPart;

import java.util.List;

/**
 * One entry a command appends through the single writer (see {@link Appender#command}): its leaf, its personal part
 * sealed beside the log if it has one (a rating's comment), and what it changes in the projections, given the index
 * the writer gave it.
 */
public interface CommandEntry {
    byte[] leaf();

    /** The sealed personal part at {@code index}, or null; a first data key goes into {@code newKeys}. */
    default SealedPart seal(long index, List<Append.DataKey> newKeys) { return null; }

    void project(long index, ProjectionChanges changes);

    /** The consent, rating, token... entry this is, for the contracts to run on; null for identity decisions. */
    default EventEntry event() { return null; }

    /** Personal parts and data keys this entry erases, in the same transaction; null for most entries. */
    default Append.Erasure erasure() { return null; }

    /** An event entry with no personal part. */
    static CommandEntry recorded(EventEntry e) {
        return new CommandEntry() {
            @Override public byte[] leaf() { return e.leaf(); }

            @Override public EventEntry event() { return e; }

            @Override public void project(long index, ProjectionChanges changes) { EventEntries.project(index, e, changes); }
        };
    }

    static CommandEntry of(IdentityDecision d) {
        return new CommandEntry() {
            @Override public byte[] leaf() { return d.leaf(); }

            @Override public void project(long index, ProjectionChanges changes) { DecisionEntries.project(index, d, changes); }
        };
    }

    static List<CommandEntry> of(List<IdentityDecision> decisions) { return decisions.stream().map(CommandEntry::of).toList(); }
}
