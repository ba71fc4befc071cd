package org.touchline.domain.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DeadLetterStore} as every store must keep it: nothing refused is lost, and nothing is kept twice. */
public abstract class DeadLetterStoreContract extends StoreContract {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");

    static DeadLetter letter(String ref, String raw) {
        return new DeadLetter(0, AT, "crm", "mapping crm.yaml", ref, raw, "[{\"record\":\"" + ref + "\",\"field\":\"email\",\"reason\":\"invalid\"}]",
                DeadLetter.OPEN);
    }

    @Test
    void addedLettersAreListedOpenInTheOrderTheyCame() {
        DeadLetterStore d = fresh().deadLetters();
        d.add(List.of(letter("line 1", "a,b"), letter("line 2", "c,d")));
        d.add(List.of(letter("line 3", "e,f")));
        List<DeadLetter> open = d.list(DeadLetter.OPEN, 0, 10);
        assertThat(open).extracting(DeadLetter::recordRef).containsExactly("line 1", "line 2", "line 3");
        DeadLetter first = open.get(0);
        assertThat(first.receivedAt()).isEqualTo(AT);
        assertThat(first.source()).isEqualTo("crm");
        assertThat(first.origin()).isEqualTo("mapping crm.yaml");
        assertThat(first.raw()).isEqualTo("a,b");
        assertThat(first.problems()).contains("invalid");
        assertThat(d.get(first.id())).contains(first);
        assertThat(d.count(DeadLetter.OPEN)).isEqualTo(3);
    }

    @Test
    void theSameRefusedRecordAddedAgainIsKeptOnce() {
        DeadLetterStore d = fresh().deadLetters();
        String long_ = "x".repeat(10_000); // longer than any index entry may be
        d.add(List.of(letter("line 1", "a,b"), letter("line 2", long_)));
        d.add(List.of(letter("line 1", "a,b"), letter("line 2", long_), letter("line 2", long_ + "y"), letter("line 1", "a,b")));
        assertThat(d.count(DeadLetter.OPEN)).isEqualTo(3);
        assertThat(d.list(DeadLetter.OPEN, 0, 10)).extracting(l -> l.raw().length()).containsExactly(3, 10_000, 10_001);
    }

    @Test
    void listingPagesOnFromTheLastIdSeen() {
        DeadLetterStore d = fresh().deadLetters();
        for (int k = 0; k < 5; k++) d.add(List.of(letter("line " + k, "raw " + k)));
        List<DeadLetter> page1 = d.list(DeadLetter.OPEN, 0, 2);
        List<DeadLetter> page2 = d.list(DeadLetter.OPEN, page1.get(1).id(), 2);
        List<DeadLetter> page3 = d.list(DeadLetter.OPEN, page2.get(1).id(), 2);
        assertThat(page1).extracting(DeadLetter::recordRef).containsExactly("line 0", "line 1");
        assertThat(page2).extracting(DeadLetter::recordRef).containsExactly("line 2", "line 3");
        assertThat(page3).extracting(DeadLetter::recordRef).containsExactly("line 4");
    }

    @Test
    void aResubmittedLetterLeavesTheOpenListButIsKept() {
        DeadLetterStore d = fresh().deadLetters();
        d.add(List.of(letter("line 1", "a"), letter("line 2", "b")));
        long id = d.list(DeadLetter.OPEN, 0, 10).get(0).id();
        d.markResubmitted(id);
        assertThat(d.list(DeadLetter.OPEN, 0, 10)).extracting(DeadLetter::recordRef).containsExactly("line 2");
        assertThat(d.count(DeadLetter.OPEN)).isEqualTo(1);
        assertThat(d.count(DeadLetter.RESUBMITTED)).isEqualTo(1);
        assertThat(d.get(id)).hasValueSatisfying(l -> assertThat(l.status()).isEqualTo(DeadLetter.RESUBMITTED));
    }

    @Test
    void lettersSurviveTheStoreBeingClosedAndOpenedAgain() {
        StoreUnderTest first = fresh();
        first.deadLetters().add(List.of(letter("line 1", "a")));
        first.close();
        assertThat(again().deadLetters().list(DeadLetter.OPEN, 0, 10)).extracting(DeadLetter::recordRef).containsExactly("line 1");
    }

    @Test
    void anUnknownIdIsEmptyAndAddingNothingIsFine() {
        DeadLetterStore d = fresh().deadLetters();
        d.add(List.of());
        assertThat(d.get(12345)).isEmpty();
        assertThat(d.count(DeadLetter.OPEN)).isZero();
    }
}
