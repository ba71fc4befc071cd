package org.touchline.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.EventEntry;
import org.touchline.domain.Identifier;
import org.touchline.domain.store.DeadLetter;
import org.touchline.node.Node;
import org.touchline.node.SignedBatches;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writes other than batches (consents, ratings, erasure, identity decisions...) on a cluster: ordered through the
 * topic like batches, applied by every node at the time the receiving node accepted them, refused alike by every node
 * when the log no longer allows them, and refused before the topic when the request itself is wrong.
 */
class ClusterWritesTest {
    static LocalBroker broker;
    @TempDir Path tmp;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = TestBroker.shared();
    }

    /**
     * Ann; Anne with a new e-mail (the same person); Tom, her twin at the same address; and a loyalty card's "Anne
     * Smith" whose date of birth differs by one digit: maybe Ann, maybe not, so the pair waits for a person's review.
     */
    static final String PEOPLE = person("crm", "1", "2026-01-01", "email", "ann@example.com", "Ann Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds")
            + person("crm", "2", "2026-01-02", "email", "anne.smith@mail.example", "Anne Smith", "1980-02-03", "LS1 4AB", "12 High St, Leeds")
            + person("crm", "3", "2026-01-03", "email", "tom@example.com", "Tom Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds")
            + person("pos", "4", "2026-01-04", "loyalty_card", "LC-600000000001", "Anne Smith", "1980-02-08", null, null);

    private static String person(String source, String id, String day, String idType, String idValue, String name, String dob, String postcode, String address) {
        var o = TestCluster.JSON.createObjectNode().put("source", source).put("sourceRecordId", id).put("occurredAt", day + "T00:00:00Z")
                .put("channel", source.equals("pos") ? "store" : "email").put("type", "enquiry").put("text", "Customer asked about " + id);
        var ids = o.putArray("identifiers");
        ids.addObject().put("type", idType).put("value", idValue);
        ids.addObject().put("type", "name").put("value", name);
        ids.addObject().put("type", "date_of_birth").put("value", dob);
        if (postcode != null) ids.addObject().put("type", "postcode").put("value", postcode);
        if (address != null) ids.addObject().put("type", "address").put("value", address);
        return o + "\n";
    }

    @Test
    void aConsentARatingAnErasureAndAReviewDecidedThroughThreeNodesAreOnAllThreeAlike() throws Exception {
        try (TestCluster c = new TestCluster(tmp, broker.bootstrap(), "writes-", 3)) {
            for (int i = 0; i < 3; i++) c.start(i);
            assertThat(c.post(0, "/v1/batches", c.signedBatch("b0", PEOPLE + TestCluster.records(0, 20))).statusCode()).isEqualTo(200);
            // A node checks a write against what it has applied: the writes below name customers of this batch.
            TestCluster.await("all applied the batch", Duration.ofSeconds(20), () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 1));
            Node first = c.members[0].node();
            String ann = customer(first, "email", "ann@example.com"), leaving = customer(first, "email", "user3@example.com");
            long review = first.projections().reviews("open", 0, 10).get(0).entry();
            long annsEnquiry = interactionsOf(first, ann).get(0);
            List<Long> leavingsRecords = interactionsOf(first, leaving);

            HttpResponse<String> consent = c.post(0, "/v1/customers/" + ann + "/consents", "{\"purpose\":\"marketing\",\"state\":\"granted\",\"channel\":\"web\"}");
            assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
            HttpResponse<String> rating = c.post(0, "/v1/ratings", "{\"entry\":" + annsEnquiry + ",\"rating\":5,\"comment\":\"sorted at once\"}");
            assertThat(rating.statusCode()).as(rating.body()).isEqualTo(201);
            HttpResponse<String> erasure = c.post(1, "/v1/customers/" + leaving + "/erasure", "{\"confirm\":\"" + leaving + "\"}");
            assertThat(erasure.statusCode()).as(erasure.body()).isEqualTo(201);
            assertThat(TestCluster.json(erasure).get("personalPartsErased").asLong()).isEqualTo(leavingsRecords.size());
            HttpResponse<String> decided = c.post(2, "/v1/identity/reviews/" + review + "/accept", "{\"reason\":\"same person\"}");
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
            assertThat(TestCluster.json(decided).get("status").asText()).isEqualTo("accepted");

            TestCluster.await("every node applied the batch and the four writes", Duration.ofSeconds(30),
                    () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 5));
            Set<String> bodies = new HashSet<>();
            List<CosignatureVerifier> all = ClusterNode.trustedCosigners(c.dirs.get(0));
            for (int i = 0; i < 3; i++) {
                Node n = c.members[i].node();
                bodies.add(c.checkpoint(i).text());
                assertThat(n.consents().allows(ann, "marketing")).as("node " + i + ": the consent").isTrue();
                assertThat(n.projections().eventsAbout(annsEnquiry, EventEntry.RATING)).as("node " + i + ": the rating").hasSize(1);
                assertThat(n.customers().current(leaving)).as("node " + i + ": the erased customer").isEmpty();
                for (long e : leavingsRecords) assertThat(n.personalPart(e)).as("node " + i + ": personal part of entry " + e).isEmpty();
                assertThat(n.projections().decision(review).orElseThrow().status()).as("node " + i + ": the review").isEqualTo("accepted");
                assertThat(n.deadLetters().count(DeadLetter.OPEN)).as("node " + i + ": nothing refused").isZero();
            }
            // One log: the entries' times are the receiving node's acceptance times, the comment sealed with the ordered salt.
            assertThat(bodies).hasSize(1);
            for (int i = 0; i < 3; i++) {
                int node = i;
                TestCluster.await("node " + i + " holds all three cosignatures", Duration.ofSeconds(20), () -> ClusterTest.cosigners(c.checkpoint(node), all) == 3);
            }
        }
    }

    @Test
    void theSameReviewDecidedThroughTwoNodesAtOnceIsAppliedOnceAndTheSecondIsRefusedAlikeEverywhere() throws Exception {
        String prefix = "race-";
        try (TestCluster c = new TestCluster(tmp, broker.bootstrap(), prefix, 3); Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            startThreeWithPeople(c);
            long review = c.members[0].node().projections().reviews("open", 0, 10).get(0).entry();

            // Held back by an open transaction, both nodes check the review while it is open everywhere: two decisions
            // at the same moment.
            List<HttpResponse<String>> answers = orderedWhileHeld(c, admin, prefix,
                    "node 0 ordered its decision", () -> c.post(0, "/v1/identity/reviews/" + review + "/accept", "{}"),
                    "node 1 ordered its decision", () -> c.post(1, "/v1/identity/reviews/" + review + "/reject", "{}"));
            HttpResponse<String> accept = answers.get(0), refused = answers.get(1);
            assertThat(accept.statusCode()).as(accept.body()).isEqualTo(201);
            String reason = "review " + review + " is already accepted";
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(TestCluster.json(refused).get("error").asText()).isEqualTo(reason);

            TestCluster.await("every node applied both decisions", Duration.ofSeconds(20),
                    () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 4));
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Node n = c.members[i].node();
                assertThat(n.projections().decision(review).orElseThrow().status()).as("node " + i).isEqualTo("accepted");
                List<DeadLetter> letters = n.deadLetters().list(DeadLetter.OPEN, 0, 10);
                assertThat(letters).as("node " + i + ": the refused decision").singleElement()
                        .satisfies(d -> assertThat(d.recordRef()).isEqualTo("offset 3"));
                problems.add(letters.get(0).problems());
                assertThat(c.checkpoint(i).text()).isEqualTo(c.checkpoint(0).text());
            }
            assertThat(problems.get(0)).contains(reason);
            assertThat(problems).as("the same reason on every node").containsOnly(problems.get(0));
        }
    }

    /** Ann writes again from a new source: her email, name and date of birth. */
    static final String ANN_AGAIN = person("shop", "7", "2026-01-07", "email", "ann@example.com", "Ann Smith", "1980-02-03", null, null);

    @Test
    void aRecordCarryingAnErasedEmailOrderedAfterTheErasureThroughAnotherNodeIsRefusedAlikeOnEveryNode() throws Exception {
        String prefix = "erased-";
        try (TestCluster c = new TestCluster(tmp, broker.bootstrap(), prefix, 3); Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            startThreeWithPeople(c);
            String ann = customer(c.members[0].node(), "email", "ann@example.com");

            // Held back by an open transaction, node 1 takes the record in before any node applied the erasure ordered
            // through node 0 just before it: only applying, in topic order, can see that the record names her.
            List<HttpResponse<String>> answers = orderedWhileHeld(c, admin, prefix,
                    "node 0 ordered the erasure", () -> c.post(0, "/v1/customers/" + ann + "/erasure", "{\"confirm\":\"" + ann + "\"}"),
                    "node 1 ordered the record", () -> c.post(1, "/v1/batches", c.signedBatch("b1", ANN_AGAIN)));
            HttpResponse<String> erasure = answers.get(0), refused = answers.get(1);
            assertThat(erasure.statusCode()).as(erasure.body()).isEqualTo(201);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(TestCluster.json(refused).path("refused").get(0).path("problems").get(0).path("field").asText()).isEqualTo("identifiers[0]");
            assertThat(refused.body()).contains("erased");

            TestCluster.await("every node applied the erasure and the record", Duration.ofSeconds(30),
                    () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 4));
            Set<String> bodies = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                Node n = c.members[i].node();
                bodies.add(c.checkpoint(i).text());
                assertThat(n.customers().findByIdentifier(new Identifier("email", "ann@example.com"))).as("node " + i).isEmpty();
                assertThat(n.ledger().indexesOf("shop", List.of("7"))).as("node " + i + ": the refused record").isEmpty();
                assertThat(n.deadLetters().count(DeadLetter.OPEN)).as("node " + i + ": nothing of it kept").isZero();
            }
            assertThat(bodies).as("one log").hasSize(1);
            List<CosignatureVerifier> all = ClusterNode.trustedCosigners(c.dirs.get(0));
            for (int i = 0; i < 3; i++) {
                int node = i;
                TestCluster.await("node " + i + " holds all three cosignatures", Duration.ofSeconds(20), () -> ClusterTest.cosigners(c.checkpoint(node), all) == 3);
            }
        }
    }

    @Test
    void aRecordOfTheErasedPersonOrderedJustBeforeTheErasureIsAppendedAndErasedWithHerOnEveryNode() throws Exception {
        String prefix = "erased-race-";
        try (TestCluster c = new TestCluster(tmp, broker.bootstrap(), prefix, 3); Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            startThreeWithPeople(c);
            String ann = customer(c.members[0].node(), "email", "ann@example.com");

            // Held back by an open transaction, both are taken in while no node has applied either: the record through
            // node 1 is ordered first, the erasure through node 0 right after it.
            List<HttpResponse<String>> answers = orderedWhileHeld(c, admin, prefix,
                    "node 1 ordered the record", () -> c.post(1, "/v1/batches", c.signedBatch("b1", ANN_AGAIN)),
                    "node 0 ordered the erasure", () -> c.post(0, "/v1/customers/" + ann + "/erasure", "{\"confirm\":\"" + ann + "\"}"));
            HttpResponse<String> record = answers.get(0), erasure = answers.get(1);
            assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
            assertThat(TestCluster.json(record).path("accepted").asLong()).isEqualTo(1);
            assertThat(erasure.statusCode()).as(erasure.body()).isEqualTo(201);

            TestCluster.await("every node applied the record and the erasure", Duration.ofSeconds(30),
                    () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 4));
            long index = c.members[0].node().ledger().indexesOf("shop", List.of("7")).get("7");
            for (int i = 0; i < 3; i++) {
                Node n = c.members[i].node();
                assertThat(n.ledger().indexesOf("shop", List.of("7"))).as("node " + i + ": the record is in the log").containsEntry("7", index);
                assertThat(n.personalPart(index)).as("node " + i + ": and erased with her").isEmpty();
                assertThat(n.customers().findByIdentifier(new Identifier("email", "ann@example.com"))).as("node " + i).isEmpty();
                assertThat(c.checkpoint(i).text()).isEqualTo(c.checkpoint(0).text());
            }
        }
    }

    @Test
    void aBadWriteIsRefusedByTheNodeItReachesBeforeAnythingIsOrdered() throws Exception {
        String prefix = "bad-";
        try (TestCluster c = new TestCluster(tmp, broker.bootstrap(), prefix, 1); Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            c.start(0);
            assertThat(c.post(0, "/v1/batches", c.signedBatch("b0", TestCluster.records(0, 5))).statusCode()).isEqualTo(200);
            String customer = customer(c.members[0].node(), "email", "user1@example.com");
            long before = endOffset(admin, prefix);

            assertRefused(c.post(0, "/v1/customers/" + customer + "/consents", "{\"purpose\":\"spam\",\"state\":\"granted\",\"channel\":\"web\"}"),
                    400, "purpose 'spam' is not one of");
            assertRefused(c.post(0, "/v1/customers/" + customer + "/consents", "{\"purpose\":\"marketing\",\"state\":\"granted\"}"), 400, "channel");
            assertRefused(c.post(0, "/v1/customers/cu_nobody/consents", "{\"purpose\":\"marketing\",\"state\":\"granted\",\"channel\":\"web\"}"), 404, "no customer");
            assertRefused(c.post(0, "/v1/identity/reviews/0/accept", "{}"), 404, "not a review");
            assertRefused(c.post(0, "/v1/ratings", "{\"entry\":0,\"rating\":9}"), 400, "rating must be 1 to 5");
            assertRefused(c.post(0, "/v1/customers/" + customer + "/erasure", "{\"confirm\":\"someone else\"}"), 400, "confirm");
            assertThat(endOffset(admin, prefix)).as("nothing reached the topic").isEqualTo(before);
        }
    }

    @Test
    void aWriteReadAgainAfterACrashBeforeItsPositionWasRecordedIsNotAppliedTwice() throws Exception {
        try (TestCluster c = new TestCluster(tmp, broker.bootstrap(), "again-", 1)) {
            c.start(0);
            assertThat(c.post(0, "/v1/batches", c.signedBatch("b0", TestCluster.records(0, 5))).statusCode()).isEqualTo(200);
            String customer = customer(c.members[0].node(), "email", "user1@example.com");
            HttpResponse<String> consent = c.post(0, "/v1/customers/" + customer + "/consents", "{\"purpose\":\"analytics\",\"state\":\"granted\",\"channel\":\"web\"}");
            assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
            long entry = TestCluster.json(consent).get("entry").asLong();
            String before = c.checkpoint(0).text();
            c.stop(0);
            // As after a crash between appending the consent and recording the position: the topic's message 1 is next,
            // and the ledger held `entry` entries when it was.
            Files.writeString(c.dirs.get(0).resolve(ClusterNode.OFFSET_FILE), "1 " + entry + "\n");
            c.start(0);
            TestCluster.await("the node read the consent again", Duration.ofSeconds(20), () -> c.members[0].cluster().nextOffset() == 2);
            assertThat(c.checkpoint(0).text()).isEqualTo(before);
            assertThat(c.members[0].node().consents().consentHistory(customer)).hasSize(1);
        }
    }

    private static void assertRefused(HttpResponse<String> r, int status, String says) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(TestCluster.json(r).get("error").asText()).contains(says);
    }

    static String customer(Node n, String type, String value) {
        return n.customers().findByIdentifier(new Identifier(type, value)).orElseThrow();
    }

    /** The ledger indexes of a customer's interactions. */
    static List<Long> interactionsOf(Node n, String customer) {
        return n.customers().timeline(customer, null, 100).items().stream().filter(i -> i.interaction() != null).map(i -> i.index()).toList();
    }

    /** Three nodes started, and the batch of {@link #PEOPLE} applied on each. */
    private static void startThreeWithPeople(TestCluster c) throws Exception {
        for (int i = 0; i < 3; i++) c.start(i);
        assertThat(c.post(0, "/v1/batches", c.signedBatch("b0", PEOPLE)).statusCode()).isEqualTo(200);
        TestCluster.await("all applied the batch", Duration.ofSeconds(20), () -> List.of(c.members).stream().allMatch(m -> m.cluster().nextOffset() == 1));
    }

    /**
     * Sends two requests while a batch in a transaction held open keeps every node from reading past it (nodes read
     * committed messages only): the first is ordered at topic offset 3, the second at 4, both before any node applied
     * either. Their answers, once the transaction is committed.
     */
    private static List<HttpResponse<String>> orderedWhileHeld(TestCluster c, Admin admin, String prefix, String firstOrdered,
            Callable<HttpResponse<String>> first, String secondOrdered, Callable<HttpResponse<String>> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> a, b;
            try (KafkaProducer<byte[], byte[]> held = transactionalProducer()) {
                held.initTransactions();
                held.beginTransaction();
                String records = TestCluster.records(100, 3);
                held.send(new ProducerRecord<>(prefix + "batches", 0, null,
                        Envelope.accept(SignedBatches.sign(c.channel, "held", records), records, Instant.now(), "held").encode())).get();
                a = pool.submit(first);
                TestCluster.await(firstOrdered, Duration.ofSeconds(20), () -> endOffset(admin, prefix) == 3);
                b = pool.submit(second);
                TestCluster.await(secondOrdered, Duration.ofSeconds(20), () -> endOffset(admin, prefix) == 4);
                held.commitTransaction();
            }
            return List.of(a.get(), b.get());
        } finally {
            pool.shutdown();
        }
    }

    /** The end of the ordering topic, counting messages of open transactions too. */
    private static long endOffset(Admin admin, String prefix) {
        TopicPartition tp = new TopicPartition(prefix + "batches", 0);
        try {
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrap(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, "touchline-test-held",
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }
}
