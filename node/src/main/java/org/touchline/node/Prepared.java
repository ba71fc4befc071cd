package org.touchline.node;

import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.PersonalPart;
import org.touchline.ledger.Hashes;

/**
 * A candidate with the work that needs no ledger state already done, in the submitter's thread: the canonical
 * personal part, its salted commitment, the leaf bytes and the leaf hash. The single writer then only resolves,
 * seals and appends.
 */
record Prepared(String recordRef, Interaction interaction, byte[] salt, byte[] personal, byte[] leaf, byte[] leafHash) {

    static Prepared of(Candidate c, Vault vault) { return of(c, vault.newSalt()); }

    /** With a salt chosen elsewhere: a cluster node takes it from the ordered batch, so every node's leaf is the same. */
    static Prepared of(Candidate c, byte[] salt) {
        if (salt == null || salt.length != Vault.SALT_BYTES)
            throw new IllegalArgumentException(c.recordRef() + ": the salt must be " + Vault.SALT_BYTES + " bytes");
        Interaction i = c.interaction();
        byte[] personal = PersonalPart.of(i).canonical();
        byte[] leaf = InteractionEntry.of(i, PersonalPart.commitment(salt, personal)).leaf();
        return new Prepared(c.recordRef(), i, salt, personal, leaf, Hashes.leafHash(leaf));
    }
}
