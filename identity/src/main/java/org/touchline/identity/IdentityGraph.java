package org.touchline.identity;

import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.PartyRole;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineRow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deterministic identity resolution: records that share a strong identifier (account, customer id, email, phone...)
 * belong to one customer. When a record joins two known customers they merge into the older one (created at the
 * lower ledger index), and the absorbed id keeps pointing at the survivor. Weak identifiers (cookies, devices...)
 * never merge customers; they attach to the customer a strong identifier names, or carry an anonymous profile until
 * one does.
 */
public final class IdentityGraph implements IdentityResolver {
    /** Roles that describe the customer the interaction is about; other roles are separate people acting for them. */
    static final Set<String> SUBJECT_ROLES = Set.of("beneficiary", "accountHolder");

    private final IdentifierKeys keys;
    private final Map<String, String> owner = new HashMap<>();
    private final Map<String, String> survivor = new HashMap<>();
    private final Map<String, Long> createdAt = new HashMap<>();

    public IdentityGraph(IdentifierKeys keys) { this.keys = keys; }

    /** Restores the graph from projections written earlier. */
    public void restore(ProjectionChanges.Customer c) { createdAt.put(c.id(), c.createdAt()); }

    public void restore(ProjectionChanges.Link l) { owner.put(l.identifierKey(), l.customerId()); }

    public void restore(ProjectionChanges.Merge m) { survivor.put(m.absorbed(), m.survivor()); }

    public int customers() { return createdAt.size() - survivor.size(); }

    @Override
    public String current(String customerId) {
        String c = customerId;
        for (String next; (next = survivor.get(c)) != null; ) c = next;
        return createdAt.containsKey(c) ? c : null;
    }

    @Override
    public Attribution attribute(long index, Interaction i, ProjectionChanges changes) {
        List<Identifier> subjectIds = new ArrayList<>(i.identifiers());
        List<PartyRole> others = new ArrayList<>();
        for (PartyRole p : i.parties()) {
            if (SUBJECT_ROLES.contains(p.role())) subjectIds.addAll(p.identifiers());
            else others.add(p);
        }
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

    private String resolve(long index, int ordinal, List<Identifier> ids, ProjectionChanges changes) {
        List<Identifier> strong = new ArrayList<>(), weak = new ArrayList<>();
        for (Identifier id : ids) (id.isStrong() ? strong : weak).add(id);
        List<String> strongKeys = strong.stream().map(keys::keyOf).toList();
        List<String> weakKeys = weak.stream().map(keys::keyOf).toList();
        Set<String> known = new LinkedHashSet<>();
        for (String k : strongKeys) if (owner.containsKey(k)) known.add(current(owner.get(k)));
        if (strong.isEmpty()) {
            // Weak evidence alone never merges: take the oldest profile it already names.
            for (String k : weakKeys) if (owner.containsKey(k)) known.add(current(owner.get(k)));
            String c = known.isEmpty() ? create(index, ordinal, changes) : oldest(known);
            link(weak, weakKeys, c, index, changes);
            return c;
        }
        String c;
        if (known.isEmpty()) c = create(index, ordinal, changes);
        else {
            c = oldest(known);
            for (String absorbed : known) {
                if (absorbed.equals(c)) continue;
                survivor.put(absorbed, c);
                changes.merges.add(new ProjectionChanges.Merge(absorbed, c, index));
            }
        }
        link(strong, strongKeys, c, index, changes);
        link(weak, weakKeys, c, index, changes);
        return c;
    }

    private void link(List<Identifier> ids, List<String> idKeys, String customer, long index, ProjectionChanges changes) {
        for (int k = 0; k < ids.size(); k++) {
            String key = idKeys.get(k);
            if (owner.containsKey(key)) continue;
            owner.put(key, customer);
            changes.links.add(new ProjectionChanges.Link(key, ids.get(k).type(), customer, index));
        }
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
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("touchline/customer/" + index + "/" + ordinal).getBytes(StandardCharsets.UTF_8));
            return "cu_" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
