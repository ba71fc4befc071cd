package org.touchline.identity;

import org.junit.jupiter.api.Test;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.IdentityDecision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deterministic rules per identifier type (docs/identity.md), one behaviour per test. */
class IdentityRulesTest {
    static final IdentifierKeys KEYS = new IdentifierKeys(new byte[32]);

    /** Feeds records to one graph in ledger order, keeping every change. */
    static final class Ledger {
        final MemoryIdentityState state;
        final IdentityGraph graph;
        final ProjectionChanges changes = new ProjectionChanges();
        long next;

        Ledger(IdentifierRules rules) {
            state = new MemoryIdentityState(rules.priority());
            graph = new IdentityGraph(KEYS, rules, state);
        }

        String add(Identifier... ids) {
            return graph.attribute(next++, interaction(ids), changes).subject();
        }

        String owner(Identifier id) {
            String key = KEYS.keyOf(id);
            String c = null;
            for (var l : changes.links) if (l.identifierKey().equals(key)) c = l.customerId();
            return c == null ? null : graph.current(c);
        }

        List<IdentityDecision> decisions(String kind) { return changes.decisions.stream().filter(d -> d.kind().equals(kind)).toList(); }
    }

    static Interaction interaction(Identifier... ids) {
        return new Interaction(null, "test", "r" + System.nanoTime(), Instant.parse("2026-01-01T00:00:00Z"), "web", "enquiry",
                List.of(ids), List.of(), null, List.of(), null, null, Map.of());
    }

    static Identifier id(String type, String value) { return new Identifier(type, value); }

    static Identifier account(String v) { return id("account", v); }

    static Identifier email(String v) { return id("email", v); }

    @Test
    void defaultLimitsAndPriority() {
        IdentifierRules r = IdentifierRules.defaults();
        assertThat(r.priority()).containsExactly("account", "customer_id", "crm_id", "email", "loyalty_card", "phone");
        assertThat(Map.of("account", r.limit("account"), "customer_id", r.limit("customer_id"), "crm_id", r.limit("crm_id"),
                "loyalty_card", r.limit("loyalty_card"), "email", r.limit("email"), "phone", r.limit("phone")))
                .isEqualTo(Map.of("account", 1, "customer_id", 1, "crm_id", 1, "loyalty_card", 3, "email", 5, "phone", 5));
        assertThat(r.isStrong("cookie")).isFalse();
        assertThat(r.isStrong("ip")).isFalse();
    }

    @Test
    void withinLimitsASharedStrongIdentifierStillMergesIntoTheOldest() {
        Ledger l = new Ledger(IdentifierRules.defaults());
        String a = l.add(email("x@example.com"));
        String b = l.add(id("phone", "07700900999"));
        String c = l.add(email("x@example.com"), id("phone", "07700900999"));
        assertThat(c).isEqualTo(a);
        assertThat(l.graph.current(b)).isEqualTo(a);
        assertThat(l.decisions(IdentityDecision.MERGED)).singleElement()
                .satisfies(d -> assertThat(d.otherCustomerId()).isEqualTo(b));
    }

    @Test
    void twoCustomersWithDifferentAccountsSharingAnEmailStayApart() {
        Ledger l = new Ledger(IdentifierRules.defaults());
        String first = l.add(account("ACC-1"), email("shared@example.com"));
        String second = l.add(account("ACC-2"), email("shared@example.com"));
        assertThat(second).isNotEqualTo(first);
        assertThat(l.graph.current(first)).isEqualTo(first);
        assertThat(l.owner(email("shared@example.com"))).isEqualTo(first);
        assertThat(l.owner(account("ACC-2"))).isEqualTo(second);
        assertThat(l.decisions(IdentityDecision.MERGE_REFUSED)).singleElement().satisfies(d -> {
            assertThat(d.customerId()).isEqualTo(second);
            assertThat(d.otherCustomerId()).isEqualTo(first);
            assertThat(d.identifierType()).isEqualTo("email");
            assertThat(d.rule()).isEqualTo("limit account=1; priority account>email");
        });
    }

    @Test
    void aRecordJoiningTwoAccountHoldersGoesToTheOneItsAccountNamesAndTheEmailStaysPut() {
        Ledger l = new Ledger(IdentifierRules.defaults());
        String one = l.add(account("ACC-1"));
        String two = l.add(account("ACC-2"), email("e@example.com"));
        String who = l.add(account("ACC-1"), email("e@example.com"));
        assertThat(who).isEqualTo(one);
        assertThat(l.owner(email("e@example.com"))).isEqualTo(two);
        assertThat(l.state.customers()).isEqualTo(2);
    }

    @Test
    void priorityDecidesAttributionWhenALimitWouldBreak() {
        IdentifierRules emailFirst = IdentifierRules.builder().priority(List.of("email", "account")).build();
        for (var rules : List.of(IdentifierRules.defaults(), emailFirst)) {
            Ledger l = new Ledger(rules);
            String byEmail = l.add(account("ACC-1"), email("e1@example.com"));
            String byAccount = l.add(account("ACC-2"));
            String who = l.add(account("ACC-2"), email("e1@example.com"));
            assertThat(who).isEqualTo(rules == emailFirst ? byEmail : byAccount);
            assertThat(l.graph.current(byEmail)).isNotEqualTo(l.graph.current(byAccount));
        }
    }

    @Test
    void anUnknownIdentifierOfAFullTypeIsNotLinked() {
        // Email leads: the record goes to the email's customer, who already has an account, so ACC-9 stays unlinked.
        Ledger l = new Ledger(IdentifierRules.builder().priority(List.of("email")).build());
        String c = l.add(account("ACC-1"), email("a@example.com"));
        assertThat(l.add(email("a@example.com"), account("ACC-9"))).isEqualTo(c);
        assertThat(l.owner(account("ACC-9"))).isNull();
        assertThat(l.decisions(IdentityDecision.LINK_REFUSED)).singleElement().satisfies(d -> {
            assertThat(d.customerId()).isEqualTo(c);
            assertThat(d.rule()).isEqualTo("limit account=1; priority email>account");
        });
    }

    @Test
    void anUnknownIdentifierOfTheLeadingTypeMakesANewCustomer() {
        // Account leads (the default): an account number nobody has names a new customer, even beside a known email.
        Ledger l = new Ledger(IdentifierRules.defaults());
        String c = l.add(account("ACC-1"), email("a@example.com"));
        String other = l.add(email("a@example.com"), account("ACC-9"));
        assertThat(other).isNotEqualTo(c);
        assertThat(l.owner(account("ACC-9"))).isEqualTo(other);
        assertThat(l.owner(email("a@example.com"))).isEqualTo(c);
    }

    @Test
    void emailsBeyondTheLimitAreNotLinkedAndThenMakeTheirOwnCustomer() {
        Ledger l = new Ledger(IdentifierRules.defaults());
        String c = l.add(account("ACC-1"));
        for (int k = 1; k <= 6; k++) assertThat(l.add(account("ACC-1"), email("e" + k + "@example.com"))).isEqualTo(c);
        assertThat(l.graph.count(c, "email")).isEqualTo(5);
        assertThat(l.owner(email("e6@example.com"))).isNull();
        assertThat(l.add(email("e6@example.com"))).isNotEqualTo(c);
    }

    @Test
    void anUnlimitedTypeNeverRefuses() {
        Ledger l = new Ledger(IdentifierRules.builder().strong("account", 1).strong("email", IdentifierRules.UNLIMITED).build());
        String c = l.add(account("ACC-1"));
        for (int k = 0; k < 50; k++) l.add(account("ACC-1"), email("e" + k + "@example.com"));
        assertThat(l.graph.count(c, "email")).isEqualTo(50);
        assertThat(l.changes.decisions).isEmpty();
    }

    @Test
    void mergingTwoCustomersThatTogetherStayWithinTheLimitIsAllowed() {
        Ledger l = new Ledger(IdentifierRules.builder().strong("email", 3).build());
        String a = l.add(email("a1@example.com"), email("a2@example.com"));
        String b = l.add(email("b1@example.com"));
        assertThat(l.add(email("a1@example.com"), email("b1@example.com"))).isEqualTo(a);
        assertThat(l.graph.current(b)).isEqualTo(a);
        assertThat(l.graph.count(a, "email")).isEqualTo(3);
        // A fourth customer's email would make four: refused.
        String d = l.add(email("d1@example.com"));
        assertThat(l.add(email("a1@example.com"), email("d1@example.com"))).isEqualTo(a);
        assertThat(l.graph.current(d)).isEqualTo(d);
    }

    @Test
    void weakIdentifiersNeverMerge() {
        Ledger l = new Ledger(IdentifierRules.defaults());
        String a = l.add(email("a@example.com"), id("cookie", "ck-1"), id("ip", "10.0.0.1"));
        String b = l.add(email("b@example.com"), id("cookie", "ck-1"), id("ip", "10.0.0.1"));
        assertThat(b).isNotEqualTo(a);
        // Alone, weak evidence goes to the oldest profile it names, and still merges nobody.
        assertThat(l.add(id("cookie", "ck-1"), id("device_id", "dev-7"))).isEqualTo(a);
        assertThat(l.graph.current(b)).isEqualTo(b);
        assertThat(l.changes.merges).isEmpty();
    }

    @Test
    void aTypeDeclaredWeakByTheUserNeverMerges() {
        // A household landline: evidence, not identity.
        IdentifierRules rules = IdentifierRules.builder().strong("email", 5).weak("phone").build();
        Ledger l = new Ledger(rules);
        String a = l.add(email("a@example.com"), id("phone", "020 7946 0000"));
        String b = l.add(email("b@example.com"), id("phone", "020 7946 0000"));
        assertThat(b).isNotEqualTo(a);
        assertThat(l.changes.merges).isEmpty();
    }

    @Test
    void blocklistedValuesAreNeverLinkedNorMergedOn() {
        Ledger l = new Ledger(IdentifierRules.defaults());
        String a = l.add(account("ACC-1"), email("test@test.com"), id("phone", "0000000000"));
        String b = l.add(account("ACC-2"), email("TEST@test.com"), id("phone", "07777 777777"));
        assertThat(b).isNotEqualTo(a);
        assertThat(l.owner(email("test@test.com"))).isNull();
        assertThat(l.changes.links).extracting(ProjectionChanges.Link::identifierType).containsExactly("account", "account");
        assertThat(l.decisions(IdentityDecision.BLOCKED)).hasSize(4).allSatisfy(d -> assertThat(d.rule()).isEqualTo("blocklist"));
        assertThat(l.decisions(IdentityDecision.MERGE_REFUSED)).isEmpty();
    }

    @Test
    void aRecordWithOnlyJunkIdentifiersGetsItsOwnAnonymousProfile() {
        Ledger l = new Ledger(IdentifierRules.defaults());
        String a = l.add(id("cookie", "null"), email("anonymous"));
        String b = l.add(id("cookie", "null"), email("anonymous"));
        assertThat(a).isNotEqualTo(b);
        assertThat(l.changes.links).isEmpty();
        assertThat(l.changes.customers).hasSize(2);
    }

    @Test
    void theDefaultBlocklistCatchesCommonJunkAndKeepsRealValues() {
        IdentifierRules r = IdentifierRules.defaults();
        for (Identifier junk : List.of(email("null"), email("Test@Test.com"), email("noreply@shop.example"), id("phone", "0000"),
                id("phone", "+44 7777 777777"), id("phone", "1111111111"), id("phone", "0123456789"), account("0000"),
                account("unknown"), id("cookie", "anonymous"), id("crm_id", "N/A"), id("ip", "0")))
            assertThat(r.isBlocked(junk)).as(junk.toString()).isTrue();
        for (Identifier real : List.of(email("ann@example.com"), id("phone", "07700 900123"), account("ACC-1001"),
                id("cookie", "ck-1"), id("ip", "10.0.0.1"), id("loyalty_card", "LC-77")))
            assertThat(r.isBlocked(real)).as(real.toString()).isFalse();
    }

    @Test
    void theUserCanAddJunkOrDropTheDefaultList() {
        IdentifierRules mine = IdentifierRules.builder().withoutDefaultBlocklist().block("account", "acc-000")
                .blockPattern("*", "dummy.*").build();
        assertThat(mine.isBlocked(account("ACC-000"))).isTrue();
        assertThat(mine.isBlocked(id("cookie", "DUMMY-1"))).isTrue();
        assertThat(mine.isBlocked(email("test@test.com"))).isFalse();
    }

    @Test
    void rulesThatContradictThemselvesAreRefused() {
        assertThatThrownBy(() -> IdentifierRules.builder().strong("email", 5).weak("email").build())
                .hasMessageContaining("both strong and weak");
        assertThatThrownBy(() -> IdentifierRules.builder().priority(List.of("cookie")).build())
                .hasMessageContaining("not a strong identifier type");
        assertThatThrownBy(() -> IdentifierRules.builder().strong("account", 0)).hasMessageContaining("at least 1");
    }
}
