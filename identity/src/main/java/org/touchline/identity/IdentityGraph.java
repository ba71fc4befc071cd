package org.touchline.identity;

import org.touchline.domain.Identifier;
import org.touchline.domain.IdentityDecision;
import org.touchline.domain.Interaction;
import org.touchline.domain.PartyRole;
import org.touchline.domain.state.CacheStats;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineRow;
import org.touchline.ledger.Hashes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    /**
     * Weak types that describe a person rather than a device or a session: shared by many people (a household's
     * address, a common name), so they never place a record on their own; the probabilistic matcher weighs them.
     */
    static final Set<String> PROFILE_TYPES = Set.of("name", "date_of_birth", "postcode", "address");

    private final IdentifierKeys keys;
    private final IdentifierRules rules;
    /** Strong types in priority order: the index into each customer's counts. */
    private final List<String> strongTypes;
    private final IdentityState state;
    private ProfileMatcher matcher = ProfileMatcher.NONE;
    /**
     * What the group being resolved already knows of each of its identifiers (its keyed hash, whether it is junk, and
     * who owns it): filled by {@link #prefetch}, so resolving asks the HMAC, the blocklist and the state once per
     * identifier, not at each look. Holds one group's identifiers at most; emptied at the next group.
     */
    private final Map<Identifier, Known> known = new HashMap<>();
    /**
     * Counts the changes that can give an identifier another owner without naming it (a merge, a split, an erasure):
     * an owner remembered before the last such change is asked of the state again. Linking an identifier names it,
     * and its memory is updated instead.
     */
    private long moves;

    /**
     * An identifier's keyed hash and whether it is junk (a pure function of the identifier, the secret and the rules:
     * never stale), and who owns its key.
     */
    private record Known(String key, boolean blocked, Owner owner) {}

    /**
     * The owner of one identifier key as last looked up, valid while {@link #moves} is {@code at}. One per key in a
     * group, shared by every identifier written with that key, so a link seen through one is seen through all.
     */
    private static final class Owner {
        String customer;
        long at = -1;
    }

    /** A graph over {@code state}, which must count strong identifiers in {@code rules.priority()} order. */
    public IdentityGraph(IdentifierKeys keys, IdentifierRules rules, IdentityState state) {
        this.keys = keys;
        this.rules = rules;
        this.strongTypes = rules.priority();
        this.state = state;
    }

    public IdentityState state() { return state; }

    /** How the caches of store state behind the graph and its matcher did (none when the state is in memory). */
    public List<CacheStats> cacheStats() {
        List<CacheStats> out = new ArrayList<>(state.cacheStats());
        out.addAll(matcher.cacheStats());
        return out;
    }

    public IdentifierRules rules() { return rules; }

    /** Probabilistic matching for records no strong identifier places (docs/identity.md); none by default. */
    public IdentityGraph withMatcher(ProfileMatcher matcher) {
        this.matcher = matcher;
        return this;
    }

    public ProfileMatcher matcher() { return matcher; }

    /** How many identifiers of a strong type a customer has now (following merges). */
    public int count(String customerId, String type) {
        int t = strongTypes.indexOf(type);
        String c = current(customerId);
        return t < 0 || c == null ? 0 : state.strongCounts(c)[t];
    }

    @Override
    public String current(String customerId) { return state.current(customerId); }

    /**
     * Reads ahead what a group of records will look up (their identifiers' holders and those customers), so resolving
     * them one by one asks the store nothing more for most records. Returns the customers the identifiers name now.
     */
    public Set<String> prefetch(List<Interaction> group) {
        known.clear();
        moves++;
        Map<String, Known> wanted = new LinkedHashMap<>();
        for (Interaction i : group) for (Identifier id : i.allIdentifiers())
            known.computeIfAbsent(id, x -> {
                String key = keys.keyOf(x);
                Known first = wanted.get(key);
                Known k = new Known(key, rules.isBlocked(x), first != null ? first.owner() : new Owner());
                if (first == null) wanted.put(key, k);
                return k;
            });
        state.prefetch(wanted.keySet());
        Set<String> owners = new LinkedHashSet<>();
        for (Known k : wanted.values()) {
            String o = owner(k);
            if (o != null) owners.add(o);
        }
        matcher.prefetch(owners);
        return owners;
    }

    /** The identifiers of one party of an interaction in one role; the first party is always the subject. */
    public record RoleIdentifiers(String role, List<Identifier> identifiers) {}

    /**
     * Who took part in an interaction, as attribution sees it. The subject is whose interaction it is: a beneficiary
     * or account holder when the record names one (a relative buying in a store for the customer), else the person the
     * record's own identifiers describe. The record's identifiers that also name another party (the relative's loyalty
     * card at the till) belong to that party, not the subject. A record that names only other parties is about the
     * first of them. Unmerge re-attributes with this too, so it moves exactly what attribution would have placed.
     */
    public static List<RoleIdentifiers> parties(Interaction i) {
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
        if (subjectIds.isEmpty() && !others.isEmpty()) subjectIds.addAll(others.remove(0).identifiers());
        List<RoleIdentifiers> out = new ArrayList<>();
        out.add(new RoleIdentifiers("subject", subjectIds));
        for (PartyRole p : others) out.add(new RoleIdentifiers(p.role(), p.identifiers()));
        return out;
    }

    @Override
    public Attribution attribute(long index, Interaction i, ProjectionChanges changes) {
        List<RoleIdentifiers> parties = parties(i);
        long at = i.occurredAt().toEpochMilli();
        Instant when = i.occurredAt();
        String subject = resolve(index, 0, parties.get(0).identifiers(), when, changes);
        changes.timeline.add(new TimelineRow(subject, at, index, "subject"));
        List<Attribution.Party> others = new ArrayList<>();
        for (int ordinal = 1; ordinal < parties.size(); ordinal++) {
            RoleIdentifiers p = parties.get(ordinal);
            String c = resolve(index, ordinal, p.identifiers(), when, changes);
            if (c.equals(subject)) continue;
            others.add(new Attribution.Party(p.role(), c));
            changes.timeline.add(new TimelineRow(c, at, index, p.role()));
        }
        return new Attribution(subject, others);
    }

    /**
     * An event from outside the company (channel {@code external}: a network outage, a storm warning, a product
     * recall: external events, docs/analytics.md) belongs to no one and creates no customer. It goes on the timeline (role
     * {@code affected}) of every customer it reaches: those its identifiers already name (an account), those whose
     * postcode lies in the areas it lists (attribute {@code areas}, comma-separated: "LS6, M1" or "LS"), and
     * {@code alsoAffected} (the caller's, e.g. holders of a recalled product). Sorted, so every node lists the same.
     */
    public List<String> affect(long index, Interaction i, Collection<String> alsoAffected, ProjectionChanges changes) {
        TreeSet<String> reached = new TreeSet<>();
        for (Identifier id : i.allIdentifiers()) {
            String o = owner(known(id));
            if (o != null) reached.add(o);
        }
        String areas = i.attributes().get("areas");
        if (areas != null && !areas.isBlank())
            for (String c : matcher.inPostcodeAreas(List.of(areas.split(",")))) if (current(c) != null) reached.add(current(c));
        for (String c : alsoAffected) if (current(c) != null) reached.add(current(c));
        long at = i.occurredAt().toEpochMilli();
        for (String c : reached) changes.timeline.add(new TimelineRow(c, at, index, "affected"));
        return new ArrayList<>(reached);
    }

    private record Keyed(Identifier id, Known facts) {
        String key() { return facts.key(); }
    }

    private record Pending(String kind, Keyed id, String other, String rule) {}

    private String resolve(long index, int ordinal, List<Identifier> ids, Instant when, ProjectionChanges changes) {
        List<Keyed> strong = new ArrayList<>(), weak = new ArrayList<>(), blocked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Identifier id : ids) {
            Known facts = known(id);
            String key = facts.key();
            if (!seen.add(key)) continue;
            Keyed k = new Keyed(id, facts);
            if (facts.blocked()) blocked.add(k);
            else (rules.isStrong(id.type()) ? strong : weak).add(k);
        }
        String c;
        List<Pending> decisions = new ArrayList<>();
        if (strong.isEmpty()) {
            // Weak evidence alone never merges: take the oldest profile it already names.
            // A device or session id names the profile that used it; a name or a postcode alone names no one.
            Set<String> known = new LinkedHashSet<>();
            for (Keyed k : weak)
                if (!PROFILE_TYPES.contains(k.id().type())) {
                    String o = owner(k.facts());
                    if (o != null) known.add(o);
                }
            c = known.isEmpty() ? matchOrCreate(index, ordinal, ids, new ArrayList<>(), when, changes) : oldest(known);
        } else {
            // Stable: equal ranks keep record order.
            strong.sort(Comparator.comparingInt(k -> rules.rank(k.id().type())));
            Set<String> group = new LinkedHashSet<>();
            Map<String, Keyed> mergedVia = new HashMap<>();
            List<Keyed> toLink = new ArrayList<>();
            int[] total = new int[strongTypes.size()];
            Keyed first = strong.get(0);
            for (Keyed k : strong) {
                String o = owner(k.facts());
                if (o != null) {
                    if (group.contains(o)) continue;
                    int[] theirs = state.strongCounts(o);
                    int broken = conflict(total, theirs);
                    Long keptApart = state.apartFrom(o, group);
                    if (keptApart != null)
                        decisions.add(new Pending(IdentityDecision.MERGE_REFUSED, k, o, "kept apart by entry " + keptApart));
                    else if (broken < 0) {
                        group.add(o);
                        if (k != first) mergedVia.put(o, k);
                        for (int t = 0; t < total.length; t++) total[t] += theirs[t];
                    } else decisions.add(new Pending(IdentityDecision.MERGE_REFUSED, k, o, why(broken, first, k)));
                } else {
                    int t = strongTypes.indexOf(k.id().type());
                    if (total[t] + 1 > rules.limit(k.id().type()))
                        decisions.add(new Pending(IdentityDecision.LINK_REFUSED, k, null, why(t, first, k)));
                    else {
                        total[t]++;
                        toLink.add(k);
                    }
                }
            }
            if (group.isEmpty()) c = matchOrCreate(index, ordinal, ids, toLink, when, changes);
            else {
                c = oldest(group);
                for (String absorbed : group) {
                    if (absorbed.equals(c)) continue;
                    absorb(absorbed, c, index, changes);
                    // The identifier that brought the absorbed customer in (or the first, if that one named it).
                    Keyed via = mergedVia.get(absorbed);
                    if (via == null) via = mergedVia.get(c) != null ? mergedVia.get(c) : first;
                    changes.decisions.add(IdentityDecision.derived(IdentityDecision.MERGED, index, when, c, absorbed,
                            via.id().type(), via.key(), "shared strong identifier " + via.id().type()));
                }
            }
            link(toLink, c, index, changes);
        }
        searchable(weak, c, changes);
        link(weak, c, index, changes);
        for (Pending p : decisions)
            changes.decisions.add(IdentityDecision.derived(p.kind(), index, when, c, p.other(), p.id().id().type(), p.id().key(), p.rule()));
        for (Keyed k : blocked)
            changes.decisions.add(IdentityDecision.derived(IdentityDecision.BLOCKED, index, when, c, null, k.id().type(), k.key(), "blocklist"));
        List<Identifier> usable = new ArrayList<>();
        for (Keyed k : strong) usable.add(k.id());
        for (Keyed k : weak) usable.add(k.id());
        matcher.observe(c, usable, changes);
        return c;
    }

    /**
     * No strong identifier places the record: ask the probabilistic matcher (docs/identity.md). Above the upper threshold
     * the record joins the best candidate; between the thresholds it gets a new customer and the pair goes to review.
     */
    private String matchOrCreate(long index, int ordinal, List<Identifier> ids, List<Keyed> toLink, Instant when,
                                 ProjectionChanges changes) {
        List<Identifier> usable = new ArrayList<>();
        for (Identifier id : ids) if (!known(id).blocked()) usable.add(id);
        var found = matcher.match(usable, new ProfileMatcher.Allowed() {
            @Override public boolean test(String c) { return c.equals(current(c)); }

            @Override public void prefetch(Collection<String> candidates) { state.prefetchCustomers(candidates); }
        });
        if (found.isPresent() && found.get().link()) {
            String c = current(found.get().customerId());
            changes.decisions.add(new IdentityDecision(IdentityDecision.MATCHED, index, when, c, null, null, null, null,
                    found.get().rule(), found.get().score(), null, null, null));
            refuseOverLimit(toLink, c, index, when, changes);
            return c;
        }
        String c = create(index, ordinal, changes);
        if (found.isPresent())
            changes.decisions.add(new IdentityDecision(IdentityDecision.REVIEW, index, when, c, current(found.get().customerId()),
                    null, null, null, found.get().rule(), found.get().score(), null, null, null));
        return c;
    }

    /**
     * The record was matched to {@code c}: its new strong identifiers join only within {@code c}'s limits (a record
     * whose account number was mistyped is still the customer's; the mistyped number is not linked to them).
     */
    private void refuseOverLimit(List<Keyed> toLink, String c, long index, Instant when, ProjectionChanges changes) {
        int[] have = state.strongCounts(c);
        for (Iterator<Keyed> it = toLink.iterator(); it.hasNext(); ) {
            Keyed k = it.next();
            int t = strongTypes.indexOf(k.id().type());
            if (have[t] + 1 > rules.limit(k.id().type())) {
                it.remove();
                changes.decisions.add(IdentityDecision.derived(IdentityDecision.LINK_REFUSED, index, when, c, null, k.id().type(), k.key(),
                        "limit " + k.id().type() + "=" + rules.limit(k.id().type()) + "; the matched customer already has "
                                + have[t]));
            } else have[t]++;
        }
    }

    /** Moves {@code absorbed} into {@code into}: pointers, counts, the projection's merge row. */
    private void absorb(String absorbed, String into, long index, ProjectionChanges changes) {
        moves++; // every identifier of the absorbed customer now has another owner
        state.absorbed(absorbed, into);
        matcher.merged(absorbed, into, changes);
        changes.merges.add(new ProjectionChanges.Merge(absorbed, into, index));
    }

    /**
     * Merges two customers on a person's word (an accepted review), into the older one. Refused, with the reason, when
     * they are kept apart or when together they would break an identifier limit: a person cannot overrule those here,
     * they would unmerge or change the rules instead.
     */
    public String mergeOnReview(long index, String a, String b, ProjectionChanges changes) {
        String x = current(a), y = current(b);
        if (x == null || y == null) throw new IllegalArgumentException("customer " + (x == null ? a : b) + " does not exist");
        if (x.equals(y)) return x;
        Long keptApart = state.apartPair(x, y);
        if (keptApart != null) throw new IllegalStateException(x + " and " + y + " are kept apart by entry " + keptApart);
        int broken = conflict(state.strongCounts(x), state.strongCounts(y));
        if (broken >= 0) {
            String type = strongTypes.get(broken);
            throw new IllegalStateException("merging " + x + " and " + y + " would give one customer more than "
                    + rules.limit(type) + " " + type + " identifier(s)");
        }
        String keep = oldest(new LinkedHashSet<>(List.of(x, y)));
        absorb(keep.equals(x) ? y : x, keep, index, changes);
        return keep;
    }

    /** Keeps two customers apart from now on (a rejected review, an unmerge). */
    public void keepApart(long index, String a, String b, ProjectionChanges changes) {
        state.keptApart(a, b, index);
        changes.apart.add(new ProjectionChanges.Apart(a, b, index));
    }

    /**
     * Splits identifiers {@code keys} off {@code from} into {@code part} (unmerge, docs/identity.md). {@code part} is
     * either a customer once merged into {@code from} (it becomes its own customer again, under its old id) or a new
     * customer created at {@code index}. Counts are re-derived from the identifier types given. The two stay apart.
     */
    public void split(long index, String from, String part, boolean newPart, Map<String, String> keyTypes,
                      Map<String, String> remainingTypes, ProjectionChanges changes) {
        moves++;
        state.split(from, part, newPart, index, keyTypes.keySet(), tally(keyTypes), tally(remainingTypes));
        if (newPart) changes.customers.add(new ProjectionChanges.Customer(part, index));
        matcher.splitOff(part, changes); // the survivor keeps the profile; the part builds its own from its next interaction
        keepApart(index, from, part, changes);
    }

    /**
     * Erasure: the customers {@code ids} (one customer and every id merged into it) leave the graph entirely: their
     * identifiers name no one any more, as after a replay of a ledger whose parts for them are gone.
     */
    public void forget(Collection<String> ids) {
        moves++; // the erased customers' identifiers name no one now, and no memory may still name them
        known.clear();
        state.forget(ids);
        for (String id : ids) matcher.forget(id);
    }

    /** Customers whose merge chain passes through {@code via} but that are not {@code via}: they follow it on an unmerge. */
    public List<String> mergedInto(String via) { return state.mergedInto(via); }

    private int[] tally(Map<String, String> keyTypes) {
        int[] out = new int[strongTypes.size()];
        for (String type : keyTypes.values()) {
            int t = strongTypes.indexOf(type);
            if (t >= 0) out[t]++;
        }
        return out;
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

    /**
     * The search index gets each name and postcode of the record with its customer, unless the customer holds that very
     * identifier already: its row was written when the identifier was linked to it (or moved with it by a merge or an
     * unmerge), so most records add nothing. A name the identifier index gives another customer still gets a row: the
     * search index keeps every customer holding it.
     */
    private void searchable(List<Keyed> weak, String customer, ProjectionChanges changes) {
        for (Keyed k : weak)
            // The owner first: the search key (a normalisation and an HMAC) is made only for the few rows written.
            if (IdentifierKeys.SEARCHABLE.contains(k.id().type()) && !customer.equals(owner(k.facts())))
                changes.searchKeys.add(new ProjectionChanges.SearchKey(keys.searchKeyOf(k.id()), customer));
    }

    /** The identifier's key and whether it is junk: from the group's memory, else computed (a command, a rebuild). */
    private Known known(Identifier id) {
        Known k = known.get(id);
        return k != null ? k : computed(id);
    }

    /** A pure function of the identifier, this graph's secret and its rules: never stale. */
    private Known computed(Identifier id) { return new Known(keys.keyOf(id), rules.isBlocked(id), new Owner()); }

    /** Links each identifier nobody has to {@code customer}, a customer now (its id followed through every merge). */
    private void link(List<Keyed> ids, String customer, long index, ProjectionChanges changes) {
        for (Keyed k : ids) {
            if (owner(k.facts()) != null) continue;
            state.linked(k.key(), strongTypes.indexOf(k.id().type()), customer);
            remember(k.facts(), customer);
            changes.links.add(new ProjectionChanges.Link(k.key(), k.id().type(), customer, index));
        }
    }

    /** The identifier's owner now: remembered unless something may have moved it since, else asked of the state. */
    private String owner(Known k) {
        Owner o = k.owner();
        if (o.at != moves) remember(k, state.ownerOf(k.key()));
        return o.customer;
    }

    private void remember(Known k, String customer) {
        k.owner().customer = customer;
        k.owner().at = moves;
    }

    private String oldest(Set<String> customers) {
        String best = null;
        for (String c : customers)
            if (best == null || state.createdAt(c) < state.createdAt(best)
                    || (state.createdAt(c) == state.createdAt(best) && c.compareTo(best) < 0)) best = c;
        return best;
    }

    private String create(long index, int ordinal, ProjectionChanges changes) {
        return create(customerId(index, ordinal), index, changes);
    }

    private String create(String id, long index, ProjectionChanges changes) {
        state.created(id, index);
        matcher.created(id);
        changes.customers.add(new ProjectionChanges.Customer(id, index));
        return id;
    }

    /** Ids are derived from the creating entry, so every node names the same customer the same way. */
    public static String customerId(long index, int ordinal) {
        byte[] h = Hashes.sha256(("touchline/customer/" + index + "/" + ordinal).getBytes(StandardCharsets.UTF_8));
        return "cu_" + HexFormat.of().formatHex(h, 0, 8);
    }
}
