package org.touchline.domain.store;

import java.util.List;
import java.util.Optional;

/** Refused records, kept until someone corrects and resubmits them. Nothing refused is lost. */
public interface DeadLetterStore {
    void add(List<DeadLetter> letters);

    List<DeadLetter> list(String status, long afterId, int limit);

    Optional<DeadLetter> get(long id);

    void markResubmitted(long id);

    long count(String status);
}
