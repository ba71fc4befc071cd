package org.touchline.domain;

import java.nio.charset.StandardCharsets;

/** Which of the ledger's entry formats a leaf is, read from its {@code kind} member without parsing the whole leaf. */
public enum EntryKind {
    /** {@link InteractionEntry}: an interaction, with a commitment to its personal part. */
    INTERACTION,
    /** {@link IdentityDecision}: a link, merge, match, review, unmerge, relationship... */
    IDENTITY,
    /** {@link EventEntry}: a consent, a rating, an erasure. */
    EVENT;

    public static EntryKind of(byte[] leaf) {
        // Canonical JSON sorts members, so "kind" sits after at most a few short members; values never hold an
        // unescaped quote, so the pattern cannot occur inside one.
        String s = new String(leaf, 0, Math.min(leaf.length, 4096), StandardCharsets.UTF_8);
        int at = s.indexOf("\"kind\":\"");
        if (at < 0) throw new IllegalArgumentException("entry has no kind");
        int from = at + 8, to = s.indexOf('"', from);
        String kind = to < 0 ? "" : s.substring(from, to);
        if (kind.equals(InteractionEntry.KIND)) return INTERACTION;
        if (kind.equals(IdentityDecision.ENTRY_KIND)) return IDENTITY;
        if (EventEntry.KINDS.contains(kind)) return EVENT;
        throw new IllegalArgumentException("unknown entry kind '" + kind + "'");
    }
}
