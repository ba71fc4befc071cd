package org.touchline.domain.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Refused records, kept until someone corrects and resubmits them. Nothing refused is lost: a letter holds at most a
 * bounded prefix of its record, and a source over its quota of open letters is counted instead ({@link #overQuota}).
 */
public interface DeadLetterStore {
    /** Adds letters; one already held (same origin, record and raw text) is not added twice. */
    void add(List<DeadLetter> letters);

    List<DeadLetter> list(String status, long afterId, int limit);

    Optional<DeadLetter> get(long id);

    void markResubmitted(long id);

    long count(String status);

    /** Open letters of one quota key: the source, or the origin (the API) for records that name no source. */
    long openOf(String quotaKey);

    /** Counts records refused past the quota of {@code quotaKey}, kept as this count instead of letters. */
    void overQuota(String quotaKey, long records);

    /** Records refused past their quota, by quota key. */
    Map<String, Long> overQuota();

    /**
     * Deletes every letter, open or resubmitted, whose raw text {@code holds} says holds something of an erased person;
     * answers how many. The store overwrites what it deletes (SQLite's secure_delete) where it can.
     */
    long erase(Predicate<String> holds);
}
