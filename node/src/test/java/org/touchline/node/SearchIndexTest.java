package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.Progress;
import org.touchline.identity.IdentityGraph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;
import static org.touchline.node.NodeFixture.phone;

/**
 * The search index: a name or a postcode finds every current customer holding it (where the identifier index gives
 * a value to one customer), case and spacing folded, through merges, unmerges, erasures and a rebuild.
 */
class SearchIndexTest {
    @TempDir Path dir;

    static Identifier name(String v) { return new Identifier("name", v); }

    static Identifier postcode(String v) { return new Identifier("postcode", v); }

    /** Every customer holding the name, through every page of {@code size}. */
    static Set<String> holders(NodeFixture f, Identifier id, int size) {
        Set<String> out = new TreeSet<>();
        String cursor = null;
        do {
            Customers.Holders page = f.node.customers().holding(List.of(id), cursor, size);
            assertThat(page.holders().size()).isLessThanOrEqualTo(size);
            for (String c : page.holders().keySet()) assertThat(out.add(c)).as("%s on two pages", c).isTrue();
            cursor = page.next();
        } while (cursor != null);
        return out;
    }

    static Set<String> holders(NodeFixture f, Identifier id) { return holders(f, id, 100); }

    static String customer(NodeFixture f, Identifier id) { return f.node.customers().findByIdentifier(id).orElseThrow(); }

    @Test
    void twoCustomersNamedTheSameAreBothFoundHoweverTheNameIsWritten() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@one.example"), name("Ann Lee")));
            f.append(interaction("shop", "2", "2026-01-02T00:00:00Z", "web", email("ann@two.example"), name("ANN  lee ")));
            String one = customer(f, email("ann@one.example")), two = customer(f, email("ann@two.example"));
            assertThat(one).isNotEqualTo(two);
            assertThat(f.node.customers().findByIdentifier(name("Ann Lee"))).as("the identifier index names one").contains(one);
            for (String typed : List.of("Ann Lee", "ann lee", "  ann   LEE"))
                assertThat(holders(f, name(typed))).as(typed).containsExactlyInAnyOrder(one, two);
            assertThat(f.node.customers().holding(List.of(name("Ann Lee")), null, 10).total()).isEqualTo(2);
            assertThat(holders(f, name("Ann Leigh"))).isEmpty();
        }
    }

    @Test
    void aPostcodeFindsEveryCustomerLivingThere() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("a@x.example"), postcode("LS6 1AA")));
            f.append(interaction("crm", "2", "2026-01-01T00:00:00Z", "email", email("b@x.example"), postcode("ls61aa")));
            assertThat(holders(f, postcode("ls6 1aa"))).containsExactlyInAnyOrder(customer(f, email("a@x.example")), customer(f, email("b@x.example")));
        }
    }

    @Test
    void aMergeLeavesOneHolderAndUndoingItTwoAgain() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            // Another email on the call: the matcher would otherwise take the name alone for the same person. The call
            // centre writes names in capitals, so the identifier index gives "ANN LEE" to b, and the unmerge gives the
            // call (all of whose identifiers are then b's) back to b.
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("x@example.com"), name("Ann Lee")));
            f.append(interaction("calls", "2", "2026-01-02T00:00:00Z", "call_centre", email("y@example.com"), phone("07700900999"), name("ANN LEE")));
            String a = customer(f, email("x@example.com")), b = customer(f, phone("07700900999"));
            assertThat(holders(f, name("ann lee"))).containsExactlyInAnyOrder(a, b);

            f.append(interaction("crm", "3", "2026-01-03T00:00:00Z", "email", email("x@example.com"), phone("07700900999")));
            assertThat(holders(f, name("ann lee"))).containsExactly(a);

            f.node.identityCommands().unmerge(a, b, null, "agent-7", "two people called Ann Lee");
            assertThat(holders(f, name("ann lee"))).containsExactlyInAnyOrder(a, b);
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).as("a rebuild gives the same projections").isEqualTo(live);
        }
    }

    @Test
    void splittingIdentifiersOffTakesTheNamesOfTheRecordsThatGoAndOnlyThose() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("x@example.com"), phone("07700900999"), name("Bob Stone")));
            f.append(interaction("calls", "2", "2026-01-02T00:00:00Z", "call_centre", phone("07700900999"), name("Rob Stone")));
            String a = customer(f, email("x@example.com"));
            assertThat(holders(f, name("Rob Stone"))).containsExactly(a);
            long entry = f.node.identityCommands().unmerge(a, null, List.of(phone("07700900999"), name("Rob Stone")), "agent-7", "shared landline");
            String split = IdentityGraph.customerId(entry, 0);
            assertThat(holders(f, name("Rob Stone"))).as("the call went with the phone and the name").containsExactly(split);
            assertThat(holders(f, name("Bob Stone"))).as("the first record carries the email, so it stays").containsExactly(a);
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).as("a rebuild gives the same projections").isEqualTo(live);
        }
    }

    @Test
    void erasingOneOfTwoNamesakesLeavesTheOther() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@one.example"), name("Ann Lee")));
            f.append(interaction("crm", "2", "2026-01-02T00:00:00Z", "email", email("ann@two.example"), name("Ann Lee")));
            String one = customer(f, email("ann@one.example")), two = customer(f, email("ann@two.example"));
            f.node.customerEvents().erase(one, "dpo-1");
            assertThat(holders(f, name("Ann Lee"))).containsExactly(two);
            assertThat(f.node.customers().holding(List.of(name("Ann Lee")), null, 10).total()).isEqualTo(1);
            List<String> live = index(f);
            f.node.rebuild(Progress.NONE);
            assertThat(index(f)).as("a rebuild gives the same index").isEqualTo(live);
        }
    }

    /**
     * Synthetic people drawn from few first and last names (so many share one), each with an email and one to three
     * records under their name written in varying case and spacing, some with a second name (a maiden name); some pairs
     * merged by a record carrying both emails; some customers erased. Every name's holders, read a page of 7 at a time,
     * are the brute-force answer; a rebuild reproduces the index.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyNameFindsExactlyTheCustomersABruteForceSearchFinds(long seed) throws Exception {
        Random r = new Random(seed);
        String[] first = {"Ann", "Bob", "Cara", "Dev", "Eve", "Femi"}, last = {"Lee", "Shah", "Okafor", "Novak", "Smith"};
        int people = 150;
        try (NodeFixture f = new NodeFixture(dir)) {
            List<Set<String>> namesOf = new ArrayList<>();
            List<Interaction> batch = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                Set<String> names = new LinkedHashSet<>();
                String own = first[r.nextInt(first.length)] + " " + last[r.nextInt(last.length)];
                int records = 1 + r.nextInt(3);
                for (int k = 0; k < records; k++) {
                    String n = k > 0 && r.nextInt(5) == 0 ? first[r.nextInt(first.length)] + " " + last[r.nextInt(last.length)] : own;
                    names.add(n.toLowerCase(Locale.ROOT));
                    batch.add(interaction("crm", p + "-" + k, "2026-01-01T00:00:00Z", "email", email("p" + p + "@example.com"), name(written(n, r))));
                }
                namesOf.add(names);
            }
            f.append(batch.toArray(Interaction[]::new));
            // Person p and p + 1 for some p turn out to be one customer (a record with both emails).
            Map<Integer, Integer> sameAs = new HashMap<>();
            for (int p = 0; p + 1 < people; p += 2)
                if (r.nextInt(6) == 0) {
                    f.append(interaction("crm", "m" + p, "2026-01-02T00:00:00Z", "email", email("p" + p + "@example.com"), email("p" + (p + 1) + "@example.com")));
                    sameAs.put(p + 1, p);
                }
            Set<Integer> erased = new TreeSet<>();
            for (int p = 0; p < people; p++)
                if (!sameAs.containsKey(p) && r.nextInt(15) == 0 && erased.size() < 5) {
                    f.node.customerEvents().erase(customer(f, email("p" + p + "@example.com")), "dpo-1");
                    erased.add(p);
                    if (sameAs.containsValue(p)) erased.add(p + 1);
                }

            Map<String, Set<String>> expected = new TreeMap<>();
            Map<Integer, String> customerOf = new HashMap<>();
            for (int p = 0; p < people; p++) if (!erased.contains(p)) customerOf.put(p, customer(f, email("p" + p + "@example.com")));
            for (int p = 0; p < people; p++) {
                for (String n : namesOf.get(p)) {
                    Set<String> e = expected.computeIfAbsent(n, k -> new TreeSet<>());
                    if (!erased.contains(p)) e.add(customerOf.get(p));
                }
            }
            for (int p : sameAs.keySet()) if (!erased.contains(p)) assertThat(customerOf.get(p)).isEqualTo(customerOf.get(sameAs.get(p)));
            assertThat(expected.values()).as("names held by several customers").anyMatch(s -> s.size() > 5);
            for (var e : expected.entrySet()) {
                assertThat(holders(f, name(e.getKey()), 7)).as(e.getKey()).isEqualTo(e.getValue());
                assertThat(f.node.customers().holding(List.of(name(e.getKey())), null, 7).total()).as(e.getKey()).isEqualTo(e.getValue().size());
            }
            List<String> live = index(f);
            f.node.rebuild(Progress.NONE);
            assertThat(index(f)).isEqualTo(live);
        }
    }

    /**
     * The search index's rows. After an erasure only these are compared with a rebuild's: the identifier index gives a
     * name the erased customer held to nobody live but to its next holder on a rebuild, which the digest sees.
     */
    static List<String> index(NodeFixture f) {
        List<String> rows = new ArrayList<>();
        f.node.projections().rows("search_keys", 0, -1, rows::add);
        return rows;
    }

    /** A name as another system or an agent might write it: case and spacing vary. */
    private static String written(String n, Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> n.toUpperCase(Locale.ROOT);
            case 1 -> n.toLowerCase(Locale.ROOT);
            case 2 -> " " + n.replace(" ", "  ");
            default -> n;
        };
    }
}
