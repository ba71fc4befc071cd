package org.touchline.domain.store;

import java.util.List;
import java.util.Optional;

/** Refused records, kept until someone corrects and resubmits them. Nothing refused is lost. */
public interface DeadLetterStore {
    /** Adds letters; one already held (same origin, record and raw text) is not added twice. */
    void add(List<DeadLetter> letters);

    List<DeadLetter> list(String status, long afterId, int limit);

    Optional<DeadLetter> get(long id);

    void markResubmitted(long id);

    long count(String status);
}
