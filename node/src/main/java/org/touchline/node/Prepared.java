package org.touchline.node;

import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.ledger.Hashes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A candidate with the work that needs no ledger state already done, in the submitter's thread: the canonical
 * personal part, its salted commitment, the leaf bytes, the leaf hash and the key that makes it the same record
 * again. The sequencer then only resolves and appends; sealing runs on a stage of its own.
 */
record Prepared(String recordRef, Interaction interaction, byte[] salt, byte[] personal, byte[] leaf, byte[] leafHash, String recordKey) {

    static Prepared of(Candidate c, Vault vault) { return of(c, vault.newSalt()); }

    /** Each candidate prepared with the salt {@code saltOf} gives it. */
    static List<Prepared> all(List<Candidate> candidates, Function<Candidate, byte[]> saltOf) {
        List<Prepared> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) out.add(of(c, saltOf.apply(c)));
        return out;
    }

    /** With a salt chosen elsewhere: a cluster node takes it from the ordered batch, so every node's leaf is the same. */
    static Prepared of(Candidate c, byte[] salt) {
        if (salt == null || salt.length != Vault.SALT_BYTES)
            throw new IllegalArgumentException(c.recordRef() + ": the salt must be " + Vault.SALT_BYTES + " bytes");
        Interaction i = c.interaction();
        byte[] personal = PersonalPart.of(i).canonical();
        byte[] leaf = InteractionEntry.of(i, PersonalPart.commitment(salt, personal)).leaf();
        return new Prepared(c.recordRef(), i, salt, personal, leaf, Hashes.leafHash(leaf), recordKey(i.source(), i.sourceRecordId()));
    }

    /** What makes a record the same record again: its source and its id there (the log keeps each once). */
    static String recordKey(String source, String sourceRecordId) { return source + "\u0000" + sourceRecordId; }
}
