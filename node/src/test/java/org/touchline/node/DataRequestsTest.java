package org.touchline.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.Progress;
import org.touchline.ledger.Receipt;
import org.touchline.node.command.DataRequests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.touchline.node.NodeFixture.email;
import static org.touchline.node.NodeFixture.interaction;

/**
 * Data-subject requests: filed, identity-checked, fulfilled with the node's own export, erasure and consent commands,
 * closed with a proof; tracked against their deadline, refused or extended with a reason; all of it ledger entries that
 * a rebuild replays to the same state.
 */
class DataRequestsTest {
    @TempDir Path dir;

    private static final Instant FILED = Instant.parse("2026-01-31T10:00:00Z");

    private static Clock at(Instant t) { return Clock.fixed(t, ZoneOffset.UTC); }

    private static String ann(NodeFixture f) {
        f.append(interaction("crm", "1", "2026-01-01T00:00:00Z", "email", email("ann@example.com")));
        return f.node.customers().findByIdentifier(email("ann@example.com")).orElseThrow();
    }

    private static DataRequests.Filing filing(String type, String customer, List<String> names) {
        return new DataRequests.Filing(type, customer, List.of(), "letter", null, names, null, "dpo");
    }

    private static DataRequests commands(NodeFixture f, Instant t) { return f.node.dataRequests(at(t), true); }

    @Test
    void aRequestIsDueOneCalendarMonthAfterItArrivedAndAwaitsVerification() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long r = commands(f, FILED).file(filing(RequestEntries.ACCESS, ann, List.of()), null);
            Requests.Request request = f.node.requests(at(FILED)).get(r);
            assertThat(request.status()).isEqualTo(RequestEntries.AWAITING_VERIFICATION);
            assertThat(request.customer()).isEqualTo(ann);
            assertThat(request.channel()).isEqualTo("letter");
            assertThat(request.receivedAt()).isEqualTo(FILED);
            assertThat(request.dueAt()).as("31 January plus a month").isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
            assertThat(EventEntry.parse(f.node.ledger().leaf(r)).kind()).isEqualTo(EventEntry.REQUEST);
        }
    }

    @Test
    void theDeadlineComesFromTheDataDirectorysRequestsProperties() throws Exception {
        Files.writeString(dir.resolve(RequestDeadlines.FILE), "answerWithin=P30D\n");
        try (NodeFixture f = new NodeFixture(dir)) {
            long r = commands(f, FILED).file(filing(RequestEntries.ACCESS, ann(f), List.of()), null);
            assertThat(f.node.requests(at(FILED)).get(r).dueAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        }
    }

    @Test
    void anAccessRequestGoesFromFilingToAClosedRequestWhoseEntriesAreProvenAgainstTheSignedCheckpoint() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            DataRequests requests = commands(f, FILED);
            long r = requests.file(filing(RequestEntries.ACCESS, ann, List.of()), null);
            long verified = requests.verify(r, "called back on the number on file", "dpo", null);
            int inTheBundle = f.node.exportBundle(ann).path("entries").size();
            long fulfilled = requests.fulfil(r, "dpo", null, null);
            EventEntry fulfilment = EventEntry.parse(f.node.ledger().leaf(fulfilled));
            assertThat(fulfilment.field("exported")).as("the entries of Ann's export bundle").isEqualTo(Integer.toString(inTheBundle));
            assertThat(fulfilment.field("exportedHash")).hasSize(64);
            long closed = requests.close(r, "dpo");
            Requests.Request done = f.node.requests(at(FILED)).get(r);
            assertThat(done.status()).isEqualTo(RequestEntries.CLOSED);
            assertThat(done.steps()).extracting(Requests.Step::step)
                    .containsExactly(RequestEntries.FILED, RequestEntries.VERIFIED, RequestEntries.FULFILLED, RequestEntries.CLOSED);
            assertThat(done.steps().get(1).fields()).containsEntry("method", "called back on the number on file").containsEntry("agent", "dpo");
            assertThat(done.steps().get(3).fields()).containsEntry("outcome", RequestEntries.FULFILLED).containsEntry("onTime", "true");
            Requests.Proof proof = f.node.requests(at(FILED)).proof(r);
            assertThat(proof.entries()).extracting(Requests.Proven::index).containsExactly(r, verified, fulfilled, closed);
            for (Requests.Proven e : proof.entries()) {
                assertThat(e.receipt()).as("entry %d is covered by the signed checkpoint", e.index()).isNotNull();
                assertThat(Receipt.parse(e.receipt()).verify(e.leaf(), f.node.identity().verifier()).size()).isEqualTo(proof.treeSize());
            }
        }
    }

    @Test
    void anObjectionWithdrawsConsentForEachPurposeItNames() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            f.node.customerEvents().consent(ann, "marketing", "granted", "web", null);
            f.node.customerEvents().consent(ann, "personalisation", "granted", "web", null);
            DataRequests requests = commands(f, FILED);
            long r = requests.file(filing(RequestEntries.OBJECTION, ann, List.of("marketing")), null);
            requests.verify(r, "ID shown in store", "dpo", null);
            long fulfilled = requests.fulfil(r, "dpo", null, null);
            assertThat(f.node.consents().allows(ann, "marketing")).isFalse();
            assertThat(f.node.consents().allows(ann, "personalisation")).as("not named by the objection").isTrue();
            long withdrawal = Long.parseLong(EventEntry.parse(f.node.ledger().leaf(fulfilled)).field(RequestEntries.FULFILLED_BY));
            assertThat(EventEntry.parse(f.node.ledger().leaf(withdrawal)).fields()).containsEntry("purpose", "marketing").containsEntry("state", "withdrawn");
        }
    }

    @Test
    void anErasedCustomerLosesTheirDataButNotTheRecordThatTheirRequestWasFulfilled() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            DataRequests requests = commands(f, FILED);
            long r = requests.file(filing(RequestEntries.ERASURE, ann, List.of()), null);
            requests.verify(r, "called back", "dpo", null);
            long fulfilled = requests.fulfil(r, "dpo", null, null);
            requests.close(r, "dpo");
            assertThat(f.node.customers().current(ann)).as("erased").isEmpty();
            Requests.Request kept = f.node.requests(at(FILED)).get(r);
            assertThat(kept.status()).isEqualTo(RequestEntries.CLOSED);
            assertThat(kept.customer()).as("named by id, as the erasure entry names them").isEqualTo(ann);
            assertThat(kept.steps()).extracting(Requests.Step::step).contains(RequestEntries.FULFILLED);
            long erasure = Long.parseLong(EventEntry.parse(f.node.ledger().leaf(fulfilled)).field(RequestEntries.FULFILLED_BY));
            assertThat(EventEntry.parse(f.node.ledger().leaf(erasure)).kind()).isEqualTo(EventEntry.ERASURE);
            assertThat(f.node.requests(at(FILED)).proof(r).entries()).extracting(Requests.Proven::index).contains(erasure);
        }
    }

    @Test
    void aRectificationSealsTheCorrectedValuesBesideTheLogAndNamesOnlyTheFields() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            DataRequests requests = commands(f, FILED);
            long r = requests.file(filing(RequestEntries.RECTIFICATION, ann, List.of("postcode")), null);
            requests.verify(r, "called back", "dpo", null);
            assertThatThrownBy(() -> requests.fulfil(r, "dpo", Map.of("name", "Ann Smith"), null)).hasMessageContaining("[postcode]");
            long fulfilled = requests.fulfil(r, "dpo", Map.of("postcode", "LS6 2AB"), null);
            byte[] leaf = f.node.ledger().leaf(fulfilled);
            assertThat(new String(leaf)).contains("postcode").doesNotContain("LS6 2AB");
            assertThat(f.node.vault().openPart(f.node.ledger(), fulfilled).orElseThrow().attributes()).containsEntry("postcode", "LS6 2AB");
            f.node.customerEvents().erase(ann, "dpo");
            assertThat(f.node.vault().openPart(f.node.ledger(), fulfilled)).as("erased with the customer").isEmpty();
        }
    }

    @Test
    void aRequesterKnownOnlyByWhatTheyGaveIsSealedAndNamedByTheVerification() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            DataRequests requests = commands(f, FILED);
            long r = requests.file(new DataRequests.Filing(RequestEntries.ACCESS, null, List.of(email("a.smith@old-mail.example")), "email",
                    null, List.of(), null, "dpo"), null);
            assertThat(new String(f.node.ledger().leaf(r))).doesNotContain("old-mail");
            assertThat(f.node.requests(at(FILED)).get(r).customer()).isNull();
            assertThatThrownBy(() -> requests.verify(r, "called back", "dpo", null)).hasMessageContaining("names no customer yet");
            requests.verify(r, "called back on the number on file", "dpo", ann);
            assertThat(f.node.requests(at(FILED)).of(ann)).extracting(Requests.Request::entry).containsExactly(r);
            f.node.customerEvents().erase(ann, "dpo");
            assertThat(f.node.vault().openPart(f.node.ledger(), r)).as("what the requester gave goes with the customer").isEmpty();
        }
    }

    @Test
    void aRequesterWhoseIdentifierIsKnownIsTheCustomerButStillAwaitsVerification() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long r = commands(f, FILED).file(new DataRequests.Filing(RequestEntries.ERASURE, null, List.of(email("ann@example.com")), "email",
                    null, List.of(), null, "dpo"), null);
            Requests.Request request = f.node.requests(at(FILED)).get(r);
            assertThat(request.customer()).isEqualTo(ann);
            assertThat(request.status()).isEqualTo(RequestEntries.AWAITING_VERIFICATION);
        }
    }

    @Test
    void aCustomerSignedInIsVerifiedByThatSignInAndFilesOnlyForThemselves() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            f.append(interaction("crm", "2", "2026-01-02T00:00:00Z", "email", email("bob@example.com")));
            String bob = f.node.customers().findByIdentifier(email("bob@example.com")).orElseThrow();
            DataRequests requests = commands(f, FILED);
            long r = requests.file(new DataRequests.Filing(RequestEntries.ACCESS, ann, List.of(), "portal", null, List.of(), ann, null), null);
            assertThat(f.node.requests(at(FILED)).get(r).status()).isEqualTo(RequestEntries.VERIFIED);
            assertThat(f.node.requests(at(FILED)).get(r).steps().get(0).fields()).containsEntry("method", DataRequests.SIGNED_IN);
            assertThatThrownBy(() -> requests.file(new DataRequests.Filing(RequestEntries.ERASURE, bob, List.of(), "portal", null, List.of(), ann, null), null))
                    .hasMessageContaining("for themselves only");
        }
    }

    @Test
    void aRefusalRecordsItsReasonAndClosesWithTheOutcomeRefused() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            DataRequests requests = commands(f, FILED);
            long r = requests.file(filing(RequestEntries.ERASURE, ann(f), List.of()), null);
            assertThatThrownBy(() -> requests.refuse(r, " ", "dpo")).hasMessageContaining("reason is required");
            requests.refuse(r, "identity could not be confirmed", "dpo");
            assertThatThrownBy(() -> requests.verify(r, "called back", "dpo", null)).hasMessageContaining("is refused");
            assertThatThrownBy(() -> requests.fulfil(r, "dpo", null, null)).hasMessageContaining("cannot be fulfilled");
            requests.close(r, "dpo");
            Requests.Request closed = f.node.requests(at(FILED)).get(r);
            assertThat(closed.status()).isEqualTo(RequestEntries.CLOSED);
            assertThat(closed.steps().get(1).fields()).containsEntry("reason", "identity could not be confirmed");
            assertThat(closed.steps().get(2).fields()).containsEntry("outcome", RequestEntries.REFUSED);
        }
    }

    @Test
    void anExtensionMovesTheDueDateByTwoFurtherMonthsAtMostWithItsReason() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            DataRequests requests = commands(f, FILED);
            long r = requests.file(filing(RequestEntries.ACCESS, ann(f), List.of()), null);
            requests.extend(r, 1, "one of many requests", "dpo");
            assertThat(f.node.requests(at(FILED)).get(r).dueAt()).isEqualTo(Instant.parse("2026-03-28T10:00:00Z"));
            assertThatThrownBy(() -> requests.extend(r, 2, "still more", "dpo")).hasMessageContaining("at most");
            requests.extend(r, 1, "complex", "dpo");
            Requests.Request extended = f.node.requests(at(FILED)).get(r);
            assertThat(extended.dueAt()).isEqualTo(Instant.parse("2026-04-28T10:00:00Z"));
            assertThat(extended.status()).as("an extension leaves the status").isEqualTo(RequestEntries.AWAITING_VERIFICATION);
            assertThat(extended.steps().get(2).fields()).containsEntry("reason", "complex").containsEntry("months", "1");
        }
    }

    @Test
    void aRequestStillOpenAfterItsDueDateIsOverdueAndListedFirst() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            long old = commands(f, FILED).file(filing(RequestEntries.ACCESS, ann, List.of()), null);
            Instant later = FILED.plusSeconds(20 * 86_400);
            long recent = commands(f, later).file(filing(RequestEntries.OBJECTION, ann, List.of("marketing")), null);
            Instant afterFirstDue = Instant.parse("2026-03-01T00:00:00Z");
            List<Requests.Request> open = f.node.requests(at(afterFirstDue)).list(List.of(), null, 10);
            assertThat(open).extracting(Requests.Request::entry).containsExactly(old, recent);
            assertThat(open).extracting(Requests.Request::overdue).containsExactly(true, false);
            assertThat(f.node.requests(at(afterFirstDue)).list(List.of(), RequestEntries.OBJECTION, 10)).extracting(Requests.Request::entry).containsExactly(recent);
            assertThat(f.node.requests(at(afterFirstDue)).list(List.of(RequestEntries.CLOSED), null, 10)).isEmpty();
            DataRequests late = commands(f, afterFirstDue);
            late.verify(old, "called back", "dpo", null);
            late.fulfil(old, "dpo", null, null);
            late.close(old, "dpo");
            assertThat(f.node.requests(at(afterFirstDue)).get(old).steps().get(3).fields()).containsEntry("onTime", "false");
            assertThat(f.node.requests(at(afterFirstDue)).list(List.of(), null, 10)).extracting(Requests.Request::entry).containsExactly(recent);
        }
    }

    @Test
    void stepsOutOfOrderAndBadFilingsAreRefusedAndAppendNothing() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            DataRequests requests = commands(f, FILED);
            long r = requests.file(filing(RequestEntries.ACCESS, ann, List.of()), null);
            long size = f.node.ledger().size();
            assertThatThrownBy(() -> requests.fulfil(r, "dpo", null, null)).hasMessageContaining("awaiting_verification");
            assertThatThrownBy(() -> requests.close(r, "dpo")).hasMessageContaining("cannot be closed");
            assertThatThrownBy(() -> requests.verify(r + 100, "x", "dpo", null)).hasMessageContaining("no request filed at entry");
            assertThatThrownBy(() -> requests.file(filing("portability", ann, List.of()), null)).hasMessageContaining("request type 'portability'");
            assertThatThrownBy(() -> requests.file(filing(RequestEntries.OBJECTION, ann, List.of()), null)).hasMessageContaining("names the purposes");
            assertThatThrownBy(() -> requests.file(filing(RequestEntries.OBJECTION, ann, List.of("gossip")), null)).hasMessageContaining("purpose 'gossip'");
            assertThatThrownBy(() -> requests.file(filing(RequestEntries.ACCESS, "cu_nobody", List.of()), null)).hasMessageContaining("no customer cu_nobody");
            assertThatThrownBy(() -> requests.file(new DataRequests.Filing(RequestEntries.ACCESS, null, List.of(), "letter", null, List.of(), null, "dpo"), null))
                    .hasMessageContaining("give the customer");
            assertThat(f.node.ledger().size()).isEqualTo(size);
        }
    }

    @Test
    void aRebuildReplaysTheRequestsToTheSameProjections() throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            String ann = ann(f);
            f.append(interaction("crm", "2", "2026-01-02T00:00:00Z", "email", email("bob@example.com")));
            String bob = f.node.customers().findByIdentifier(email("bob@example.com")).orElseThrow();
            DataRequests requests = commands(f, FILED);
            long access = requests.file(filing(RequestEntries.ACCESS, ann, List.of()), null);
            requests.extend(access, 2, "complex", "dpo");
            requests.verify(access, "called back", "dpo", null);
            long erasure = requests.file(new DataRequests.Filing(RequestEntries.ERASURE, null, List.of(new Identifier("phone", "+447700900999")), "letter",
                    null, List.of(), null, "dpo"), null);
            requests.verify(erasure, "ID shown in store", "dpo", bob);
            requests.fulfil(erasure, "dpo", null, null);
            requests.close(erasure, "dpo");
            String live = f.node.projections().digest();
            f.node.rebuild(Progress.NONE);
            assertThat(f.node.projections().digest()).isEqualTo(live);
            assertThat(f.node.requests(at(FILED)).get(access).status()).isEqualTo(RequestEntries.VERIFIED);
            assertThat(f.node.requests(at(FILED)).get(erasure).status()).isEqualTo(RequestEntries.CLOSED);
            assertThat(f.node.verify(Progress.NONE).ok()).isTrue();
        }
    }
}
