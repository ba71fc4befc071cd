package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.contracts.ContractDefinition;
import org.touchline.contracts.SignedContract;
import org.touchline.domain.EntryKind;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Interaction;
import org.touchline.domain.Progress;
import org.touchline.ledger.NoteKeys;
import org.touchline.ledger.NoteSigner;
import org.touchline.node.command.ContractCommands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;

/** Contracts in the node: signed deployments, actions as entries in ledger order, the same actions on replay. */
class ContractsInTheLedgerTest {
    @TempDir Path dir;

    private static Path examples() {
        Path p = Path.of("..", "examples", "contracts");
        return Files.isDirectory(p) ? p : Path.of("examples", "contracts");
    }

    /** An administrator the node trusts, and a contract from examples/contracts signed by them. */
    private static String signed(NodeFixture f, String name) throws Exception {
        NoteKeys admin = NoteKeys.generate("admin.test/alice");
        Files.writeString(f.dir.resolve(ContractCommands.ADMINS_FILE), admin.verifierKey() + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return SignedContract.sign(ContractDefinition.read(examples().resolve(name + ".yaml")), NoteSigner.parse(admin.signerKey())).encode();
    }

    private static List<EventEntry> entriesOf(NodeFixture f, String kind) {
        List<EventEntry> out = new ArrayList<>();
        f.node.ledger().scanLeaves(0, f.node.ledger().size(), (i, leaf) -> {
            if (EntryKind.of(leaf) == EntryKind.EVENT) {
                EventEntry e = EventEntry.parse(leaf);
                if (e.kind().equals(kind)) out.add(e);
            }
        });
        return out;
    }

    @Test
    void aFiveStarRatingEarnsTheAgentTokensByAnEntryThatNamesTheContractAndTheRating() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            long deploy = f.node.contracts().deploy(signed(f, "reward-five-star"), "alice");
            assertThat(EventEntry.parse(f.node.ledger().leaf(deploy)).field("change")).isEqualTo("deploy");
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@example.com")));
            long rating = f.node.customerEvents().rate(f.node.ledger().size() - 1, 5, "great", "portal");
            List<EventEntry> mints = entriesOf(f, EventEntry.TOKEN);
            assertThat(mints).singleElement().satisfies(m -> {
                assertThat(m.field("account")).isEqualTo("agent:agent-1");
                assertThat(m.field("amount")).isEqualTo("50");
                assertThat(m.field("contract")).isEqualTo("reward-five-star");
                assertThat(m.field("version")).isEqualTo("1");
                assertThat(m.field("definition")).hasSize(64);
                assertThat(m.about()).isEqualTo(rating);
            });
            assertThat(f.node.tokens().agentBalance("agent-1")).isEqualTo(50);
            f.node.customerEvents().rate(rating - 1, 3, null, null);
            assertThat(f.node.tokens().agentBalance("agent-1")).as("three stars earn nothing").isEqualTo(50);
        }
    }

    @Test
    void aNewCustomerIsWelcomedOnceAndAPausedContractDoesNothing() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.node.contracts().deploy(signed(f, "welcome-new-customer"), "alice");
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@example.com")));
            f.append(interaction("web", "2", "2026-01-02T00:00:00Z", "web", email("ann@example.com")));
            assertThat(entriesOf(f, EventEntry.ACTION)).extracting(e -> e.field("action")).containsExactly("propose_action", "open_task");
            f.node.contracts().pause("welcome-new-customer", 1, "alice");
            f.append(interaction("crm", "3", "2026-01-03T00:00:00Z", "email", email("bob@example.com")));
            assertThat(entriesOf(f, EventEntry.ACTION)).hasSize(2);
            f.node.contracts().resume("welcome-new-customer", 1, "alice");
            f.append(interaction("crm", "4", "2026-01-04T00:00:00Z", "email", email("cat@example.com")));
            assertThat(entriesOf(f, EventEntry.ACTION)).hasSize(4);
            f.node.contracts().retire("welcome-new-customer", 1, "alice");
            assertThat(f.node.contracts().deployments()).isEmpty();
        }
    }

    @Test
    void anUnsignedOrUntrustedContractIsRefusedAndNothingIsAppended() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            NoteKeys stranger = NoteKeys.generate("stranger.test/eve");
            String byStranger = SignedContract.sign(ContractDefinition.read(examples().resolve("reward-five-star.yaml")),
                    NoteSigner.parse(stranger.signerKey())).encode();
            assertThatThrownBy(() -> f.node.contracts().deploy(byStranger, "eve")).hasMessageContaining(ContractCommands.ADMINS_FILE);
            signed(f, "welcome-new-customer"); // now there is a trusted administrator, but not eve
            long size = f.node.ledger().size();
            assertThatThrownBy(() -> f.node.contracts().deploy(byStranger, "eve")).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> f.node.contracts().pause("nothing-deployed", 1, "alice")).hasMessageContaining("not deployed");
            assertThat(f.node.ledger().size()).isEqualTo(size);
        }
    }

    @Test
    void replayingTheLedgerTakesTheSameActionsAndARestartedNodeCarriesOn() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.node.contracts().deploy(signed(f, "welcome-new-customer"), "alice");
            f.node.contracts().deploy(signed(f, "reward-five-star"), "alice");
            f.node.contracts().deploy(signed(f, "reward-consent"), "alice");
            Random random = new Random(404);
            for (int k = 0; k < 60; k++)
                f.append(interaction("crm", "r" + k, "2026-01-0" + (1 + random.nextInt(9)) + "T10:00:00Z", "email", email("p" + random.nextInt(20) + "@example.com")));
            List<Long> interactions = new ArrayList<>();
            f.node.ledger().scanLeaves(0, f.node.ledger().size(), (i, leaf) -> {
                if (EntryKind.of(leaf) == EntryKind.INTERACTION) interactions.add(i);
            });
            for (int k = 0; k < 10; k++) f.node.customerEvents().rate(interactions.get(random.nextInt(interactions.size())), 1 + random.nextInt(5), null, null);
            String someone = f.node.customers().findByIdentifier(email("p3@example.com")).orElseThrow();
            f.node.customerEvents().consent(someone, "analytics", "granted", "web", null);
            String live = f.node.projections().digest();
            int actions = entriesOf(f, EventEntry.ACTION).size() + entriesOf(f, EventEntry.TOKEN).size();
            assertThat(actions).isGreaterThan(20);
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
        }
        try (NodeFixture f = new NodeFixture(dir)) {
            assertThat(f.node.contracts().deployments()).hasSize(3);
            int before = entriesOf(f, EventEntry.ACTION).size();
            f.append(interaction("crm", "new", "2026-02-01T10:00:00Z", "email", email("newcomer@example.com")));
            assertThat(entriesOf(f, EventEntry.ACTION)).hasSize(before + 2);
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
            assertThat(f.node.verify(Progress.NONE).ok()).isTrue();
        }
    }

    @Test
    void aContractCanExpireTokensOldestFirstNeverMoreThanTheBalance() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            signed(f, "welcome-new-customer"); // makes alice's key trusted; the two contracts below are hers too
            NoteKeys admin = NoteKeys.generate("admin.test/bob");
            Files.writeString(f.dir.resolve(ContractCommands.ADMINS_FILE), admin.verifierKey() + "\n", StandardOpenOption.APPEND);
            NoteSigner bob = NoteSigner.parse(admin.signerKey());
            String award = "id: purchase-reward\nversion: 1\ndescription: d\ntrigger: {kinds: [interaction], types: [purchase]}\n"
                    + "condition: 'true'\nactions:\n  - award_tokens: {account: customer, amount: 30, reason: purchase}\n";
            String expire = "id: complaint-expiry\nversion: 1\ndescription: d\ntrigger: {kinds: [interaction], types: [complaint]}\n"
                    + "condition: 'true'\nactions:\n  - expire_tokens: {account: customer, amount: 50, reason: test}\n";
            for (String text : List.of(award, expire))
                f.node.contracts().deploy(SignedContract.sign(ContractDefinition.parse(text, "test"), bob).encode(), "bob");
            f.append(new Interaction(null, "pos", "1", Instant.parse("2026-01-01T00:00:00Z"), "store", "purchase",
                    List.of(email("ann@example.com")), List.of(), "till-1", List.of(), null, null, Map.of()));
            f.append(new Interaction(null, "pos", "2", Instant.parse("2026-01-02T00:00:00Z"), "store", "purchase",
                    List.of(email("ann@example.com")), List.of(), "till-1", List.of(), null, null, Map.of()));
            String ann = f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
            assertThat(f.node.tokens().customerBalance(ann)).isEqualTo(60);
            f.append(new Interaction(null, "calls", "3", Instant.parse("2026-01-03T00:00:00Z"), "call_centre", "complaint",
                    List.of(email("ann@example.com")), List.of(), "AG-1", List.of(), null, null, Map.of()));
            assertThat(f.node.tokens().customerBalance(ann)).isEqualTo(10);
            assertThat(f.node.tokens().customerHistory(ann)).extracting(r -> r.movement() + ":" + r.remaining())
                    .containsExactly("mint:0", "mint:10", "expire:0");
            f.append(new Interaction(null, "calls", "4", Instant.parse("2026-01-04T00:00:00Z"), "call_centre", "complaint",
                    List.of(email("ann@example.com")), List.of(), "AG-1", List.of(), null, null, Map.of()));
            assertThat(f.node.tokens().customerBalance(ann)).as("never more than the balance").isZero();
            assertThat(entriesOf(f, EventEntry.TOKEN)).extracting(e -> e.field("movement") + ":" + e.field("amount"))
                    .containsExactly("mint:30", "mint:30", "expire:50", "expire:10");
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
        }
    }

    @Test
    void aCampaignReachesOnlyConsentingCustomersAndNotInTheFortnightAfterAComplaint() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            f.node.contracts().deploy(signed(f, "recover-after-complaint"), "alice");
            f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@example.com")));
            f.append(interaction("crm", "2", "2026-01-01T00:00:00Z", "email", email("bob@example.com")));
            String ann = f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
            String bob = f.node.customers().findByIdentifier(email("bob@example.com")).orElseThrow();
            for (String c : List.of(ann, bob)) f.node.customerEvents().consent(c, "marketing", "granted", "web", null);
            Instant feb = Instant.parse("2026-02-01T00:00:00Z");
            assertThat(f.node.campaigns().audience("marketing", feb)).containsExactlyInAnyOrder(ann, bob);

            f.append(new Interaction(null, "calls", "3", Instant.parse("2026-02-01T09:00:00Z"), "call_centre",
                    "complaint", List.of(email("ann@example.com")), List.of(), "AG-1", List.of(), null, null, Map.of()));
            assertThat(f.node.campaigns().audience("marketing", Instant.parse("2026-02-05T00:00:00Z"))).containsExactly(bob);
            assertThat(f.node.campaigns().audience("marketing", Instant.parse("2026-02-20T00:00:00Z"))).containsExactlyInAnyOrder(ann, bob);

            f.node.customerEvents().consent(bob, "marketing", "withdrawn", "call_centre", null);
            assertThat(f.node.campaigns().audience("marketing", Instant.parse("2026-02-20T00:00:00Z"))).containsExactly(ann);
        }
    }
}
