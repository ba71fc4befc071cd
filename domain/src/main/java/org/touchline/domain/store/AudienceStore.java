package org.touchline.domain.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Audiences' members and sizes (docs/audiences.md), kept by the node's audience evaluator as it reads the log after
 * commit. Not a projection: a rebuild leaves it, with the evaluator's cursor, as it is. Each round of the evaluator is
 * one transaction ({@link #record}), so its cursor, the members, the sizes and what is due next always agree.
 */
public interface AudienceStore {
    /** The index of the next ledger entry the evaluator reads (0 before its first round). */
    long cursor();

    /**
     * The last membership entry whose change is recorded here (-1 before any): one read back from the log at or before
     * it is already applied; one after it was appended by a round the node stopped before recording.
     */
    long appliedThrough();

    /** Whether {@code customer} is a member of each audience it is in: audience name to membership. */
    Map<String, Member> membershipsOf(String customer);

    /** The memberships of several customers: customer, then audience name to membership; customers in none are absent. */
    Map<String, Map<String, Member>> membershipsOf(Collection<String> customers);

    /** Members of {@code audience} after customer id {@code after} (null: from the first), in id order. */
    List<Member> members(String audience, String after, int limit);

    /** Every audience's size now, and how far the first pass of its rule has come. */
    Map<String, State> states();

    /** The size of {@code audience} at the end of each day from {@code from} to {@code to} it changed on, in day order, with the day before {@code from} first when known. */
    List<DailySize> sizes(String audience, LocalDate from, LocalDate to);

    /** Customers whose time windows changed by {@code now}, earliest first. */
    List<String> due(Instant now, int limit);

    /** Customer ids after {@code after} (null: from the first), in id order: what the first pass of a rule walks. */
    List<String> customersAfter(String after, int limit);

    /** Records one round of the evaluator in one transaction: see {@link Round}. */
    void record(Round round);

    /**
     * A customer in an audience: since when, and the ledger entry that recorded it ({@code -1} until that entry is
     * read back).
     */
    record Member(String audience, String customer, Instant since, long entry) {}

    /** An audience's size now; {@code backfillAfter} is where the first pass of its rule stands (null: done). */
    record State(String audience, long size, String backfillAfter) {}

    /** An audience's size at the end of a day, with the entries and departures of that day. */
    record DailySize(LocalDate day, long size, long entered, long left) {}

    /** A customer entered ({@code entered}) or left an audience at {@code at}; {@code entry} is the ledger entry that records it. */
    record Change(String audience, String customer, boolean entered, Instant at, long entry) {}

    /**
     * What one round of the evaluator changes, applied in this order: audiences forgotten (deleted) and started again (a
     * rule defined or changed: its first pass from the beginning), membership changes (each applied only if it changes
     * something, so applying one twice counts it once), when customers are next due ({@code null}: never), where each
     * first pass stands (null: done), the cursor (null: unchanged), and the last membership entry now applied (null:
     * unchanged; never moved back).
     */
    record Round(List<String> forgotten, List<String> restarted, List<Change> changes, Map<String, Long> due,
                 Map<String, String> backfill, Long cursor, Long appliedThrough) {
        public Round {
            forgotten = List.copyOf(forgotten);
            restarted = List.copyOf(restarted);
            changes = List.copyOf(changes);
            due = Collections.unmodifiableMap(new HashMap<>(due));
            backfill = Collections.unmodifiableMap(new HashMap<>(backfill));
        }
    }
}
