package org.touchline.identity;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.PartyRole;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineRow;
import org.touchline.ledger.Hashes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deterministic identity resolution under the user's {@link IdentifierRules}:
 * <ol>
 *   <li>Blocklisted (junk) identifiers are dropped first and recorded as {@code blocked} decisions; they are never
 *   linked and never merged on. A record left with no identifier at all gets its own new (anonymous) profile, as a
 *   record without identifiers always did.</li>
 *   <li>Strong identifiers are taken in priority order (ties in record order). The first one decides the customer:
 *   its owner, or a new customer if nobody has it yet. Each following one joins: an identifier nobody has is linked
 *   if the customer stays within that type's limit, else it stays unlinked ({@code link-refused}); an identifier
 *   another customer has merges that customer in unless, for some limited type, both sides already have identifiers
 *   of it and together they would exceed the limit ({@code merge-refused}: the identifier stays with its owner).</li>
 *   <li>Customers merge into the oldest (created at the lower ledger index); the absorbed id keeps pointing at the
 *   survivor.</li>
 *   <li>Weak identifiers never merge: with a strong identifier they attach to its customer if nobody had them;
 *   alone, the record goes to the oldest profile they name, or a new anonymous profile.</li>
 * </ol>
 * Only ledger order and content (and the rules) decide, so every node and every rebuild agrees.
 */
public final class IdentityGraph implements IdentityResolver {
    /** Roles that describe the customer the interaction is about; other roles are separate people acting for them. */
    static final Set<String> SUBJECT_ROLES = Set.of("beneficiary", "accountHolder");

    private final IdentifierKeys keys;
    private final IdentifierRules rules;
    /** Strong types in priority order: the index into each customer's counts. */
    private final List<String> strongTypes;
    private final Map<String, String> owner = new HashMap<>();
    private final Map<String, String> survivor = new HashMap<>();
    private final Map<String, Long> createdAt = new HashMap<>();
    /** Per current customer, how many identifiers of each strong type it has. */
    private Map<String, int[]> counts = new HashMap<>();
    /** Restored counts may still be keyed by customers merged since: fold them before use. */
    private boolean countsStale;

    public IdentityGraph(IdentifierKeys keys) { this(keys, IdentifierRules.defaults()); }

    public IdentityGraph(IdentifierKeys keys, IdentifierRules rules) {
        this.keys = keys;
        this.rules = rules;
        this.strongTypes = rules.priority();
    }

    public IdentifierRules rules() { return rules; }

    /** Restores the graph from projections written earlier. */
    public void restore(ProjectionChanges.Customer c) { createdAt.put(c.id(), c.createdAt()); }

    public void restore(ProjectionChanges.Link l) {
        owner.put(l.identifierKey(), l.customerId());
        int t = strongTypes.indexOf(l.identifierType());
        if (t >= 0) {
            counts.computeIfAbsent(l.customerId(), k -> new int[strongTypes.size()])[t]++;
            countsStale = true;
        }
    }

    public void restore(ProjectionChanges.Merge m) {
        survivor.put(m.absorbed(), m.survivor());
        countsStale = true;
    }

    public int customers() { return createdAt.size() - survivor.size(); }

    /** How many identifiers of a strong type a customer has now (following merges). */
    public int count(String customerId, String type) {
        foldCounts();
        int t = strongTypes.indexOf(type);
        int[] c = counts.get(current(customerId));
        return t < 0 || c == null ? 0 : c[t];
    }

    @Override
    public String current(String customerId) {
        String c = customerId;
        for (String next; (next = survivor.get(c)) != null; ) c = next;
        return createdAt.containsKey(c) ? c : null;
    }

    @Override
    public Attribution attribute(long index, Interaction i, ProjectionChanges changes) {
        foldCounts();
        // Whose interaction it is: a beneficiary or account holder when the record names one (a relative buying in a
        // store for the customer), else the person the record's own identifiers describe. The record's identifiers
        // that also name another party (the relative's loyalty card at the till) belong to that party, not the subject.
        List<PartyRole> others = new ArrayList<>();
        List<Identifier> subjectIds = new ArrayList<>();
        Set<Identifier> otherIds = new HashSet<>();
        boolean namedSubject = false;
        for (PartyRole p : i.parties()) {
            if (SUBJECT_ROLES.contains(p.role())) {
                subjectIds.addAll(p.identifiers());
                namedSubject = true;
            } else {
                others.add(p);
                otherIds.addAll(p.identifiers());
            }
        }
        for (Identifier id : i.identifiers()) if (!namedSubject || !otherIds.contains(id)) subjectIds.add(id);
        // A record that names only other parties is about the first of them.
        if (subjectIds.isEmpty() && !others.isEmpty()) subjectIds.addAll(others.remove(0).identifiers());
        long at = i.occurredAt().toEpochMilli();
        String subject = resolve(index, 0, subjectIds, changes);
        changes.timeline.add(new TimelineRow(subject, at, index, "subject"));
        List<Attribution.Party> parties = new ArrayList<>();
        int ordinal = 1;
        for (PartyRole p : others) {
            String c = resolve(index, ordinal++, p.identifiers(), changes);
            if (c.equals(subject)) continue;
            parties.add(new Attribution.Party(p.role(), c));
            changes.timeline.add(new TimelineRow(c, at, index, p.role()));
        }
        return new Attribution(subject, parties);
    }

    private record Keyed(Identifier id, String key) {}

    private record Pending(String kind, Keyed id, String other, String rule) {}

    private String resolve(long index, int ordinal, List<Identifier> ids, ProjectionChanges changes) {
        List<Keyed> strong = new ArrayList<>(), weak = new ArrayList<>(), blocked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Identifier id : ids) {
            String key = keys.keyOf(id);
            if (!seen.add(key)) continue;
            Keyed k = new Keyed(id, key);
            if (rules.isBlocked(id)) blocked.add(k);
            else (rules.isStrong(id.type()) ? strong : weak).add(k);
        }
        String c;
        List<Pending> decisions = new ArrayList<>();
        if (strong.isEmpty()) {
            // Weak evidence alone never merges: take the oldest profile it already names.
            Set<String> known = new LinkedHashSet<>();
            for (Keyed k : weak) if (owner.containsKey(k.key())) known.add(current(owner.get(k.key())));
            c = known.isEmpty() ? create(index, ordinal, changes) : oldest(known);
        } else {
            // Stable: equal ranks keep record order.
            strong.sort(Comparator.comparingInt(k -> rules.rank(k.id().type())));
            Set<String> group = new LinkedHashSet<>();
            Map<String, Keyed> mergedVia = new HashMap<>();
            List<Keyed> toLink = new ArrayList<>();
            int[] total = new int[strongTypes.size()];
            Keyed first = strong.get(0);
            for (Keyed k : strong) {
                String o = owner.containsKey(k.key()) ? current(owner.get(k.key())) : null;
                if (o != null) {
                    if (group.contains(o)) continue;
                    int[] theirs = counts.getOrDefault(o, new int[strongTypes.size()]);
                    int broken = conflict(total, theirs);
                    if (broken < 0) {
                        group.add(o);
                        if (k != first) mergedVia.put(o, k);
                        for (int t = 0; t < total.length; t++) total[t] += theirs[t];
                    } else decisions.add(new Pending(ProjectionChanges.Decision.MERGE_REFUSED, k, o, why(broken, first, k)));
                } else {
                    int t = strongTypes.indexOf(k.id().type());
                    if (total[t] + 1 > rules.limit(k.id().type()))
                        decisions.add(new Pending(ProjectionChanges.Decision.LINK_REFUSED, k, null, why(t, first, k)));
                    else {
                        total[t]++;
                        toLink.add(k);
                    }
                }
            }
            if (group.isEmpty()) c = create(index, ordinal, changes);
            else {
                c = oldest(group);
                for (String absorbed : group) {
                    if (absorbed.equals(c)) continue;
                    survivor.put(absorbed, c);
                    int[] from = counts.remove(absorbed);
                    if (from != null) {
                        int[] into = counts.computeIfAbsent(c, x -> new int[strongTypes.size()]);
                        for (int t = 0; t < from.length; t++) into[t] += from[t];
                    }
                    changes.merges.add(new ProjectionChanges.Merge(absorbed, c, index));
                    // The identifier that brought the absorbed customer in (or the first, if that one named it).
                    Keyed via = mergedVia.get(absorbed);
                    if (via == null) via = mergedVia.get(c) != null ? mergedVia.get(c) : first;
                    changes.decisions.add(new ProjectionChanges.Decision(index, c, ProjectionChanges.Decision.MERGED,
                            via.id().type(), via.key(), absorbed, "shared strong identifier " + via.id().type()));
                }
            }
            link(toLink, c, index, changes);
        }
        link(weak, c, index, changes);
        for (Pending p : decisions)
            changes.decisions.add(new ProjectionChanges.Decision(index, c, p.kind(), p.id().id().type(), p.id().key(), p.other(), p.rule()));
        for (Keyed k : blocked)
            changes.decisions.add(new ProjectionChanges.Decision(index, c, ProjectionChanges.Decision.BLOCKED, k.id().type(), k.key(),
                    null, "blocklist"));
        return c;
    }

    /** The first limited type for which both sides have identifiers and together exceed the limit; -1 if none. */
    private int conflict(int[] ours, int[] theirs) {
        for (int t = 0; t < ours.length; t++)
            if (ours[t] > 0 && theirs[t] > 0 && (long) ours[t] + theirs[t] > rules.limit(strongTypes.get(t))) return t;
        return -1;
    }

    private String why(int brokenType, Keyed first, Keyed refused) {
        String type = strongTypes.get(brokenType);
        return "limit " + type + "=" + rules.limit(type) + "; priority " + first.id().type() + ">" + refused.id().type()
                + (first.id().type().equals(refused.id().type()) ? " (record order)" : "");
    }

    private void link(List<Keyed> ids, String customer, long index, ProjectionChanges changes) {
        for (Keyed k : ids) {
            if (owner.containsKey(k.key())) continue;
            owner.put(k.key(), customer);
            int t = strongTypes.indexOf(k.id().type());
            if (t >= 0) counts.computeIfAbsent(customer, x -> new int[strongTypes.size()])[t]++;
            changes.links.add(new ProjectionChanges.Link(k.key(), k.id().type(), customer, index));
        }
    }

    /** After a restore, re-keys counts from the customers they were linked to onto the customers those are now. */
    private void foldCounts() {
        if (!countsStale) return;
        Map<String, int[]> folded = new HashMap<>();
        // Sorted for a deterministic fold (the sums do not depend on it, but iteration order then never matters).
        for (String c : new java.util.TreeSet<>(counts.keySet())) {
            String now = current(c);
            if (now == null) continue;
            int[] into = folded.computeIfAbsent(now, x -> new int[strongTypes.size()]);
            int[] from = counts.get(c);
            for (int t = 0; t < from.length; t++) into[t] += from[t];
        }
        counts = folded;
        countsStale = false;
    }

    private String oldest(Set<String> customers) {
        String best = null;
        for (String c : customers)
            if (best == null || createdAt.get(c) < createdAt.get(best)
                    || (createdAt.get(c).equals(createdAt.get(best)) && c.compareTo(best) < 0)) best = c;
        return best;
    }

    private String create(long index, int ordinal, ProjectionChanges changes) {
        String id = customerId(index, ordinal);
        createdAt.put(id, index);
        changes.customers.add(new ProjectionChanges.Customer(id, index));
        return id;
    }

    /** Ids are derived from the creating entry, so every node names the same customer the same way. */
    static String customerId(long index, int ordinal) {
        byte[] h = Hashes.sha256(("touchline/customer/" + index + "/" + ordinal).getBytes(StandardCharsets.UTF_8));
        return "cu_" + HexFormat.of().formatHex(h, 0, 8);
    }
}
