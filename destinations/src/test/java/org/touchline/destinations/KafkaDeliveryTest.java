package org.touchline.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.InteractionJson;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka topic sink against a real broker ({@link TestKafka}). */
class KafkaDeliveryTest {
    @TempDir Path dir;
    @TempDir Path kafka;

    @Test
    void everyEventLandsKeyedByItsCustomerInLedgerOrderWithItsId() throws Exception {
        try (TestKafka broker = new TestKafka(kafka); Fixture f = new Fixture(dir)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap))) {
                admin.createTopics(List.of(new NewTopic("touchline-events", 3, (short) 1))).all().get();
            }
            List<Long> appended = new ArrayList<>();
            for (int k = 0; k < 30; k++) appended.add(f.interaction("c" + (k % 4) + "@example.com"));
            appended.add(f.consent("c1@example.com", "analytics", "granted"));
            appended.add(f.consent("c2@example.com", "analytics", "granted"));
            var made = f.destinations.create(new Destinations.NewSubscription("lake", null, "touchline-events@" + broker.bootstrap,
                    List.of("interactions", "consent_changes"), "analytics", 0L));
            assertThat(made.secret()).isNull();
            // Analytics needs consent: only c1 and c2 granted it, so only their events go; the others are skipped.
            f.destinations.start();
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "test");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            List<String> granted = List.of(f.customer("c1@example.com"), f.customer("c2@example.com"));
            long expected = appended.size();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("touchline-events"));
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < end) {
                    consumer.poll(Duration.ofMillis(200)).forEach(got::add);
                    var s = f.destinations.status(made.status().id());
                    if (s.behind() == 0 && s.pending() == 0 && got.size() == s.delivered()) break;
                }
            }
            var s = f.destinations.status(made.status().id());
            assertThat(s.delivered() + s.skipped()).isEqualTo(expected);
            assertThat(got).hasSize((int) s.delivered()).isNotEmpty();
            Map<String, List<Long>> byKey = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> r : got) {
                JsonNode event = InteractionJson.MAPPER.readTree(r.value());
                long index = event.path("data").path("index").asLong();
                assertThat(r.key()).isIn(granted).isEqualTo(event.path("data").path("customer").asText());
                assertThat(new String(r.headers().lastHeader("touchline-event-id").value(), StandardCharsets.UTF_8)).isEqualTo(event.path("data").path("id").asText());
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(index);
            }
            // One partition per key: a customer's events arrive in ledger order.
            for (List<Long> indexes : byKey.values()) assertThat(indexes).isSorted();
            assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(granted);
            assertThat(byKey.values().stream().mapToLong(l -> new TreeSet<>(l).size()).sum()).isEqualTo(s.delivered());
        }
    }
}
