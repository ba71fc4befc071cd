package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.contracts.ContractDefinition;
import org.touchline.contracts.SignedContract;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.Progress;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineRow;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.command.ContractCommands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.account;
import static org.touchline.node.NodeFixture.email;

/** External events: events from outside reach the customers they affect, on their timelines, and trigger contracts. */
class ExternalEventsTest {
    @TempDir Path dir;

    static Interaction person(String id, String name, String postcode, Identifier... more) {
        List<Identifier> ids = new ArrayList<>(List.of(new Identifier("name", name), new Identifier("postcode", postcode)));
        ids.addAll(List.of(more));
        return new Interaction(null, "crm", id, Instant.parse("2026-01-0" + id + "T10:00:00Z"), "email", "account_opened", ids,
                List.of(), null, List.of(), null, null, Map.of());
    }

    static Interaction purchase(String id, Identifier who, String sku) {
        return new Interaction(null, "pos", id, Instant.parse("2026-02-01T10:00:00Z"), "store", "purchase", List.of(who),
                List.of(), "staff-1", List.of(sku), null, null, Map.of());
    }

    static Interaction incident(String id, String type, String areas, String product, Identifier... ids) {
        return new Interaction(null, "network", id, Instant.parse("2026-03-10T07:00:00Z"), "external", type, List.of(ids),
                List.of(), null, product == null ? List.of() : List.of(product), "Fibre cable cut", null,
                areas == null ? Map.of() : Map.of("areas", areas));
    }

    private static List<String> reached(NodeFixture f, long index) {
        List<String> out = new ArrayList<>();
        f.node.projections().allTimeline("affected", (TimelineRow r) -> { if (r.index() == index) out.add(r.customerId()); });
        return out;
    }

    private static String customer(NodeFixture f, Identifier id) { return f.node.customers().findByIdentifier(id).orElseThrow(); }

    @Test
    void an_outage_reaches_the_customers_of_its_postcode_area_and_no_one_else() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(person("1", "Ann Lee", "LS6 2AB", email("ann@example.com")), person("2", "Bob Kay", "LS17 9XY", email("bob@example.com")),
                    person("3", "Cy Moss", "M1 4QQ", email("cy@example.com")));
            f.append(incident("INC-1", "network_outage", "LS", null));
            long at = f.node.ledger().size() - 1;
            assertThat(reached(f, at)).containsExactlyInAnyOrder(customer(f, email("ann@example.com")), customer(f, email("bob@example.com")));
            f.append(incident("INC-2", "network_outage", "LS6", null));
            assertThat(reached(f, f.node.ledger().size() - 1)).containsExactly(customer(f, email("ann@example.com")));
        }
    }

    @Test
    void an_outage_finds_its_customers_through_the_keyed_area_index() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(person("1", "Ann Lee", "LS6 2AB", email("ann@example.com")), person("2", "Bob Kay", "LS17 9XY", email("bob@example.com")));
            String ann = customer(f, email("ann@example.com"));
            List<String> rows = new ArrayList<>();
            f.node.projections().rows("postcode_areas", 0, Long.MAX_VALUE, rows::add);
            assertThat(rows).hasSize(4).noneMatch(r -> r.contains("LS")); // LS6, LS; LS17, LS: keyed, never in clear
            // Ann's rows taken out of the index: the outage no longer finds her, so it reads the index, not the profiles.
            ProjectionChanges changes = new ProjectionChanges();
            changes.postcodeAreas.put(ann, null);
            f.node.projections().apply(changes);
            f.append(incident("INC-1", "network_outage", "LS", null));
            assertThat(reached(f, f.node.ledger().size() - 1)).containsExactly(customer(f, email("bob@example.com")));
        }
    }

    @Test
    void a_customer_who_moved_is_reached_in_the_new_area_only() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(person("1", "Ann Lee", "LS6 2AB", email("ann@example.com")));
            f.append(person("2", "Ann Lee", "M1 4QQ", email("ann@example.com")));
            String ann = customer(f, email("ann@example.com"));
            f.append(incident("INC-1", "network_outage", "LS6", null));
            assertThat(reached(f, f.node.ledger().size() - 1)).isEmpty();
            f.append(incident("INC-2", "network_outage", "M1", null));
            assertThat(reached(f, f.node.ledger().size() - 1)).containsExactly(ann);
        }
    }

    @Test
    void a_store_written_before_the_area_index_still_reaches_every_customer_of_the_area() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(person("1", "Ann Lee", "LS6 2AB", email("ann@example.com")), person("2", "Bob Kay", "LS17 9XY", email("bob@example.com")));
            ProjectionChanges none = new ProjectionChanges();
            for (Identifier id : List.of(email("ann@example.com"), email("bob@example.com"))) none.postcodeAreas.put(customer(f, id), null);
            f.node.projections().apply(none);
            assertThat(f.node.projections().postcodeAreasMissing()).isTrue();
            f.append(incident("INC-1", "network_outage", "LS", null));
            assertThat(reached(f, f.node.ledger().size() - 1)).hasSize(2);
            f.node.rebuild(Progress.NONE); // writes the index from the replayed profiles
            assertThat(f.node.projections().postcodeAreasMissing()).isFalse();
            assertThat(reached(f, f.node.ledger().size() - 1)).hasSize(2);
        }
    }

    @Test
    void an_external_event_creates_no_customer_and_shows_on_the_affected_timeline() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(person("1", "Ann Lee", "LS6 2AB", email("ann@example.com")));
            String ann = customer(f, email("ann@example.com"));
            List<String> before = new ArrayList<>();
            f.node.projections().loadCustomers(c -> before.add(c.id()));
            f.append(incident("INC-1", "network_outage", "LS", null));
            List<String> after = new ArrayList<>();
            f.node.projections().loadCustomers(c -> after.add(c.id()));
            assertThat(after).isEqualTo(before);
            var page = f.node.customers().timeline(ann, null, 10);
            assertThat(page.items()).anySatisfy(i -> {
                assertThat(i.role()).isEqualTo("affected");
                assertThat(i.interaction().channel()).isEqualTo("external");
                assertThat(i.interaction().text()).isEqualTo("Fibre cable cut");
            });
        }
    }

    @Test
    void erasing_an_affected_customer_keeps_the_event_for_everyone_else() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(person("1", "Ann Lee", "LS6 2AB", email("ann@example.com")), person("2", "Bob Kay", "LS17 9XY", email("bob@example.com")));
            f.append(incident("INC-1", "network_outage", "LS", null));
            long incident = f.node.ledger().size() - 1;
            f.node.customerEvents().erase(customer(f, email("ann@example.com")), "dpo");
            assertThat(f.node.vault().openPart(f.node.ledger(), incident)).hasValueSatisfying(p -> assertThat(p.text()).isEqualTo("Fibre cable cut"));
            assertThat(reached(f, incident)).containsExactly(customer(f, email("bob@example.com")));
        }
    }

    @Test
    void a_recall_reaches_the_buyers_of_the_product_and_an_account_notice_its_holder() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.append(person("1", "Ann Lee", "LS6 2AB", email("ann@example.com"), account("A-1")),
                    person("2", "Bob Kay", "M1 4QQ", email("bob@example.com")));
            f.append(purchase("P1", email("bob@example.com"), "DEV-MESH-2"));
            f.append(incident("RCL-1", "product_recall", null, "DEV-MESH-2"));
            assertThat(reached(f, f.node.ledger().size() - 1)).containsExactly(customer(f, email("bob@example.com")));
            f.append(incident("ACC-1", "storm_warning", null, null, account("A-1")));
            assertThat(reached(f, f.node.ledger().size() - 1)).containsExactly(customer(f, email("ann@example.com")));
        }
    }

    @Test
    void a_contract_cares_for_every_affected_customer_and_a_rebuild_takes_the_same_actions() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            NoteKeys admin = NoteKeys.generate("admin.test/alice");
            Files.writeString(f.dir.resolve(ContractCommands.ADMINS_FILE), admin.verifierKey() + "\n");
            Path example = Path.of("..", "examples", "contracts", "care-during-outage.yaml");
            f.node.contracts().deploy(SignedContract.sign(ContractDefinition.read(example), NoteSigner.parse(admin.signerKey())).encode(), "alice");
            f.append(person("1", "Ann Lee", "LS6 2AB", email("ann@example.com")), person("2", "Bob Kay", "LS17 9XY", email("bob@example.com")),
                    person("3", "Cy Moss", "M1 4QQ", email("cy@example.com")));
            String ann = customer(f, email("ann@example.com")), cy = customer(f, email("cy@example.com"));
            f.node.customerEvents().consent(ann, "marketing", "granted", "web", "newsletter");
            f.node.customerEvents().consent(cy, "marketing", "granted", "web", "newsletter");
            f.append(incident("INC-1", "network_outage", "LS", null));
            long incident = f.node.ledger().size() - 5;
            List<EventEntry> actions = new ArrayList<>();
            f.node.projections().allEvents(EventEntry.ACTION, r -> actions.add(r.event()));
            assertThat(actions).hasSize(4).allSatisfy(a -> assertThat(a.about()).isEqualTo(incident));
            assertThat(actions).extracting(EventEntry::customerId).containsOnly(customer(f, email("ann@example.com")), customer(f, email("bob@example.com")));
            // Ann is in the outage area: out of marketing for the week; Cy in Manchester is not.
            assertThat(f.node.campaigns().audience("marketing", Instant.parse("2026-03-12T00:00:00Z"))).containsExactly(cy);
            assertThat(f.node.campaigns().audience("marketing", Instant.parse("2026-03-18T00:00:00Z"))).containsExactlyInAnyOrder(ann, cy);

            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
        }
    }
}
