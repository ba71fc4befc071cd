package org.touchline.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kafka as the cluster's ordering service: one topic of envelopes with ONE partition, so its order is total and every
 * node reads the same sequence; a second topic where nodes publish their cosigned checkpoints. The producer is
 * idempotent with {@code acks=all}, so a retried send is not written twice and an acknowledged one is on every in-sync
 * replica. Consumers take no group: a node keeps its own position (the offset after the last message it applied)
 * beside its ledger, and seeks there.
 */
public final class KafkaOrdering implements AutoCloseable {
    public static final int MAX_MESSAGE_BYTES = 40 * 1024 * 1024;
    private final String bootstrap;
    private final String batchesTopic, checkpointsTopic;
    private final KafkaProducer<byte[], byte[]> producer;

    /** {@code topicPrefix} names the cluster's two topics: {@code <prefix>batches} and {@code <prefix>checkpoints}. */
    public KafkaOrdering(String bootstrap, String topicPrefix) {
        this.bootstrap = bootstrap;
        this.batchesTopic = topicPrefix + "batches";
        this.checkpointsTopic = topicPrefix + "checkpoints";
        Properties p = common();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_MESSAGE_BYTES));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Properties common() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("client.dns.lookup", "use_all_dns_ips");
        return p;
    }

    /**
     * Makes both topics if they are missing: one partition each, replicated to as many brokers as there are (up to
     * three), and at least two in sync when there are three, so an acknowledged batch survives one broker.
     */
    public void createTopics() {
        try (Admin admin = Admin.create(common())) {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            short rf = (short) Math.min(3, brokers);
            Map<String, String> config = Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES),
                    "min.insync.replicas", String.valueOf(Math.max(1, rf - 1)));
            for (String topic : List.of(batchesTopic, checkpointsTopic)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, rf).configs(config))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    /** Appends an encoded envelope ({@link Envelope}, {@link WriteEnvelope}) to the ordering topic; returns its offset once every in-sync replica has it. */
    public long order(byte[] envelope) {
        try {
            return producer.send(new ProducerRecord<>(batchesTopic, 0, null, envelope)).get(60, TimeUnit.SECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ordering a message", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("the ordering topic did not take the message: " + cause.getMessage(), e);
        }
    }

    /** Publishes a cosigned checkpoint note; fire and forget (the next one supersedes it). */
    public void publish(String cosignedCheckpoint) {
        producer.send(new ProducerRecord<>(checkpointsTopic, 0, null, cosignedCheckpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A reader of the ordering topic from {@code offset} on. */
    public Reader batches(long offset) { return new Reader(batchesTopic, offset); }

    /** A reader of the checkpoints topic from the last {@code recent} messages on. */
    public Reader checkpoints(int recent) { return new Reader(checkpointsTopic, -recent); }

    /** One message of a topic. */
    public record Message(long offset, byte[] value) {}

    /** Reads one topic's single partition in order. Not thread-safe: one thread polls it; {@link #wakeup} from any. */
    public final class Reader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;

        /** {@code from} at least 0 is an offset; a negative one counts back from the end. */
        private Reader(String topic, long from) {
            Properties p = common();
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES));
            p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES));
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            if (from >= 0) consumer.seek(tp, from);
            else {
                long end = consumer.endOffsets(List.of(tp)).get(tp);
                consumer.seek(tp, Math.max(0, end + from));
            }
        }

        /** The next messages in order (none after {@code timeout}); throws {@code WakeupException} after {@link #wakeup}. */
        public List<Message> poll(Duration timeout) {
            List<Message> out = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) out.add(new Message(r.offset(), r.value()));
            return out;
        }

        public void wakeup() { consumer.wakeup(); }

        @Override
        public void close() { consumer.close(Duration.ofSeconds(2)); }
    }

    @Override
    public void close() { producer.close(Duration.ofSeconds(5)); }
}
