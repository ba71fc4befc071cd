package org.touchline.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.ingest.MappedRecord;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Segment Spec messages as Interaction v1 records: the fields Segment documents, read as it documents them. */
class SegmentMessagesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");
    final SegmentMessages messages = new SegmentMessages(SegmentSource.named("website"), RECEIVED);

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    Interaction accepted(ReceivedEvent e) {
        assertThat(e.record()).as("%s", e.record()).isInstanceOf(MappedRecord.Accepted.class);
        return ((MappedRecord.Accepted) e.record()).interaction();
    }

    @Test
    void identifyCarriesUserIdAnonymousIdAndTheTraitsThatIdentify() {
        Interaction i = accepted(messages.call("identify", json("""
                {"messageId": "m-1", "userId": "u-1", "anonymousId": "a-1", "traits": {"email": "Ann@Example.com", "phone": "020 7946 0958",
                 "firstName": "Ann", "lastName": "Lee", "birthday": "1990-04-02T00:00:00.000Z", "address": {"street": "1 High St", "city": "Leeds", "postalCode": "LS6 1AA"},
                 "plan": "gold"}}""")));
        assertThat(i.source()).isEqualTo("website");
        assertThat(i.sourceRecordId()).isEqualTo("m-1");
        assertThat(i.type()).isEqualTo("identify");
        assertThat(i.identifiers()).contains(new Identifier("customer_id", "u-1"), new Identifier("cookie", "a-1"), new Identifier("email", "ann@example.com"),
                new Identifier("phone", "442079460958"), new Identifier("name", "Ann Lee"), new Identifier("date_of_birth", "1990-04-02"),
                new Identifier("postcode", "LS61AA"), new Identifier("address", "1 High St, Leeds"));
        assertThat(i.attributes()).containsEntry("traits/plan", "gold").containsEntry("segment/call", "identify");
    }

    @ParameterizedTest
    @CsvSource({"browser,,web", "mobile,,app", "server,,web", ",analytics.js,web", ",analytics-ios,app", ",analytics-python,web"})
    void theChannelComesFromTheContextsChannelOrLibrary(String channel, String library, String expected) {
        String context = "{" + (channel != null ? "\"channel\": \"" + channel + "\"" : "\"library\": {\"name\": \"" + library + "\"}") + "}";
        Interaction i = accepted(messages.call("page", json("{\"messageId\": \"p\", \"anonymousId\": \"a\", \"context\": " + context + "}")));
        assertThat(i.channel()).isEqualTo(expected);
        assertThat(i.type()).isEqualTo("page_view");
    }

    @ParameterizedTest
    @CsvSource({"Order Completed,order_completed", "  Signed Up!  ,signed_up", "checkout.step-2,checkout.step-2"})
    void anUnmappedEventNameBecomesASnakeCaseType(String event, String type) {
        assertThat(SegmentMessages.snakeCase(event)).isEqualTo(type);
    }

    @Test
    void theClientsClockIsCorrectedByTheTimeTheMessageTookToArrive() {
        Interaction i = accepted(messages.call("track", json("""
                {"messageId": "t", "userId": "u", "event": "X", "timestamp": "2026-03-01T09:00:00Z", "sentAt": "2026-03-01T09:00:30Z"}""")));
        assertThat(i.occurredAt()).isEqualTo(RECEIVED.minusSeconds(30));
    }

    @Test
    void withoutSentAtTheClientsTimeStandsAndWithoutAnyTimeTheReceiptTime() {
        assertThat(accepted(messages.call("track", json("{\"messageId\": \"t\", \"userId\": \"u\", \"event\": \"X\", \"timestamp\": \"2026-02-01T09:00:00Z\"}")))
                .occurredAt()).isEqualTo(Instant.parse("2026-02-01T09:00:00Z"));
        assertThat(accepted(messages.call("track", json("{\"messageId\": \"t\", \"userId\": \"u\", \"event\": \"X\"}"))).occurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    void aMessageWithoutMessageIdIsKeyedByItsContentSoAnIdenticalRetryIsTheSameRecord() {
        String m = "{\"userId\": \"u\", \"event\": \"X\", \"timestamp\": \"2026-02-01T09:00:00Z\", \"sentAt\": \"2026-02-01T09:00:01Z\"}";
        String first = accepted(messages.call("track", json(m))).sourceRecordId();
        String retry = accepted(messages.call("track", json(m.replace("09:00:01Z", "09:05:00Z")))).sourceRecordId();
        String other = accepted(messages.call("track", json(m.replace("\"X\"", "\"Y\"")))).sourceRecordId();
        assertThat(first).startsWith("sha256:").isEqualTo(retry).isNotEqualTo(other);
    }

    @Test
    void groupNamesTheOrganisationAsAPartyAndAliasCarriesBothIds() {
        Interaction g = accepted(messages.call("group", json("{\"messageId\": \"g\", \"userId\": \"u\", \"groupId\": \"G-1\", \"traits\": {\"name\": \"Acme\"}}")));
        assertThat(g.parties()).singleElement().satisfies(p -> {
            assertThat(p.role()).isEqualTo("organisation");
            assertThat(p.identifiers()).containsExactly(new Identifier("account", "G-1"));
        });
        assertThat(g.identifiers()).containsExactly(new Identifier("customer_id", "u"));   // the group's traits are not the person's
        Interaction a = accepted(messages.call("alias", json("{\"messageId\": \"a\", \"userId\": \"new\", \"previousId\": \"old\"}")));
        assertThat(a.identifiers()).containsExactly(new Identifier("customer_id", "new"), new Identifier("customer_id", "old"));
    }

    @Test
    void eachRefusedMessageOfABatchNamesItsFieldAndTheOthersStand() {
        List<ReceivedEvent> out = messages.batch(json("""
                {"batch": [{"type": "track", "messageId": "1", "userId": "u", "event": "X"},
                           {"type": "track", "messageId": "2", "userId": "u"},
                           {"type": "wave", "messageId": "3", "userId": "u"},
                           {"messageId": "4", "userId": "u"},
                           {"type": "alias", "messageId": "5", "userId": "u"},
                           {"type": "identify", "messageId": "6", "traits": {"email": "a@b.co"}}]}"""));
        assertThat(out.get(0).record()).isInstanceOf(MappedRecord.Accepted.class);
        assertThat(fields(out.get(1))).containsExactly("event");
        assertThat(fields(out.get(2))).containsExactly("/type");
        assertThat(fields(out.get(3))).containsExactly("type");
        assertThat(fields(out.get(4))).containsExactly("previousId");
        assertThat(fields(out.get(5))).containsExactly("userId");
        assertThat(((MappedRecord.Rejected) out.get(1).record()).problems().get(0).record()).isEqualTo("batch[1]");
    }

    private static List<String> fields(ReceivedEvent e) {
        assertThat(e.record()).isInstanceOf(MappedRecord.Rejected.class);
        return ((MappedRecord.Rejected) e.record()).problems().stream().map(p -> p.field()).toList();
    }

    @Test
    void aBodyThatIsNotABatchIsRefusedWhole() {
        assertThatThrownBy(() -> messages.batch(json("{\"messages\": []}"))).isInstanceOf(BadEventRequest.class).hasMessageContaining("batch");
        assertThatThrownBy(() -> messages.call("follow", json("{}"))).isInstanceOf(BadEventRequest.class).hasMessageContaining("follow");
    }
}
