package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;

/** What an agent types finds customers: by id, by an identifier that names one, by a name many share. */
class CustomerFinderTest {
    @TempDir Path dir;

    @Test
    void anEmailFindsItsOneCustomerByAStrongIdentifier() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@example.com"), new Identifier("name", "Ann Lee")));
            String ann = f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
            CustomerFinder.Page page = f.node.customerFinder().find("ann@example.com", null, 20);
            assertThat(page.total()).isEqualTo(1);
            assertThat(page.results()).singleElement().satisfies(found -> {
                assertThat(found.customerId()).isEqualTo(ann);
                assertThat(found.interactions()).isEqualTo(1);
                assertThat(found.matchedBy()).extracting(CustomerFinder.Match::type, CustomerFinder.Match::strong).containsExactly(tuple("email", true));
            });
        }
    }

    @Test
    void aTouchlineIdFindsItsCustomer() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@example.com")));
            String ann = f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
            CustomerFinder.Match m = f.node.customerFinder().find(ann, null, 20).results().get(0).matchedBy().get(0);
            assertThat(m.type()).isEqualTo("touchline");
            assertThat(m.why()).isEqualTo("the Touchline customer id");
        }
    }

    @Test
    void aSharedNameFindsEveryHolderAPageAtATimeWithTheNextCursor() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            for (int k = 0; k < 3; k++)
                f.append(interaction("crm", "r" + k, "2026-01-01T00:00:00Z", "email", email("c" + k + "@example.com"), new Identifier("name", "Sam Jones")));
            CustomerFinder.Page first = f.node.customerFinder().find("Sam Jones", null, 2);
            assertThat(first.total()).isEqualTo(3);
            assertThat(first.results()).hasSize(2);
            assertThat(first.next()).isNotNull();
            CustomerFinder.Page second = f.node.customerFinder().find("Sam Jones", first.next(), 2);
            assertThat(second.results()).hasSize(1);
            assertThat(second.next()).isNull();
        }
    }

    @Test
    void typeAndValueTriesThatTypeAloneAndTextWithoutAnAtIsNoEmail() {
        assertThat(CustomerFinder.candidates("phone:+44 20 7946 0000")).extracting(Identifier::type).containsExactly("phone");
        assertThat(CustomerFinder.candidates("Ann Lee")).extracting(Identifier::type).doesNotContain("email", "phone");
    }
}
