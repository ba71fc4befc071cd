package org.touchline.domain.state;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Which group of records is being sequenced now and which were committed, shared by the sequencer (which closes
 * groups) and the writer (which reports each commit). The single writer sequences group N+1 while it still commits
 * group N, so state read while sequencing is the store's (committed) plus the {@link Overlay} layers of the groups
 * sequenced but not yet committed; a layer becomes plain store state once {@link #committed} says so. A failed write
 * makes the writer start again from a new {@code GroupCommits} and new overlays over what the store holds.
 */
public final class GroupCommits {
    /** The group being sequenced now; groups are numbered from 1 in sequencing order. */
    private long open = 1;
    private final AtomicLong committed = new AtomicLong();

    /** The group whose changes are being made now. Sequencer thread only. */
    public long open() { return open; }

    /** Ends the open group (its changes go to the writer) and returns its number. Sequencer thread only. */
    public long close() { return open++; }

    /** The writer committed {@code group} (and, groups being written in order, every group before it). */
    public void committed(long group) { committed.accumulateAndGet(group, Math::max); }

    /** Every group up to this one is in the store. */
    public long committedThrough() { return committed.get(); }
}
