package org.touchline.node;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.Problem;
import org.touchline.identity.IdentifierKeys;
import org.touchline.identity.IdentifierRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Records that would bring an erased person back are refused. An erasure entry names the keyed hashes of the person's
 * strong identifiers (never their values); the {@code erased_identifiers} projection holds them, rebuilt from the
 * ledger like every projection. The appender looks up a group's strong identifiers in it when it applies the group,
 * after every entry before it, so every node of a cluster refuses the same records whatever node took them in.
 * Weak identifiers (a name, a postcode) are shared by others and refuse nothing.
 */
public final class ErasedIdentifiers {
    static final String REFUSAL = "names a person who was erased: refused, and nothing of the record is kept, so that an erasure is not undone";
    /** The field name of an erasure entry that lists the keys, comma-separated, in order. */
    public static final String FIELD = "identifierKeys";
    private final IdentifierKeys keys;
    private final IdentifierRules rules;

    ErasedIdentifiers(IdentifierKeys keys, IdentifierRules rules) {
        this.keys = keys;
        this.rules = rules;
    }

    /** A strong identifier a record carries: the field that holds it and its keyed hash. */
    record Carried(String field, String key) {}

    /** The record's strong identifiers, the record's own first, then each party's, in field order. */
    List<Carried> carriedBy(Interaction i) {
        List<Carried> out = new ArrayList<>();
        for (int k = 0; k < i.identifiers().size(); k++) add(out, "identifiers[" + k + "]", i.identifiers().get(k));
        for (int p = 0; p < i.parties().size(); p++)
            for (int k = 0; k < i.parties().get(p).identifiers().size(); k++)
                add(out, "parties[" + p + "].identifiers[" + k + "]", i.parties().get(p).identifiers().get(k));
        return List.copyOf(out);
    }

    private void add(List<Carried> out, String field, Identifier id) {
        if (rules.isStrong(id.type())) out.add(new Carried(field, keys.keyOf(id)));
    }

    /** The refusal of a record carrying an erased identifier, naming the first such field; null if it carries none. */
    static Problem refusal(String recordRef, List<Carried> carried, Set<String> erased) {
        for (Carried c : carried) if (erased.contains(c.key())) return new Problem(recordRef, c.field(), REFUSAL);
        return null;
    }
}
