package org.touchline.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
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

    public String batchesTopic() { return batchesTopic; }

    /** Publishes a cosigned checkpoint note; fire and forget (the next one supersedes it). */
    public void publish(String cosignedCheckpoint) {
        producer.send(new ProducerRecord<>(checkpointsTopic, 0, null, cosignedCheckpoint.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A reader of the ordering topic from {@code offset} on. Never moved elsewhere by Kafka: an offset the topic no
     * longer holds (retention, {@code deleteRecords}) makes {@link Reader#poll} throw, because skipping messages would
     * make this node's log differ from the others'.
     */
    public Reader batches(long offset) { return new Reader(batchesTopic, offset, "none"); }

    /** A reader of the checkpoints topic from the last {@code recent} messages on (from its first if it holds fewer). */
    public Reader checkpoints(int recent) { return new Reader(checkpointsTopic, -recent, "earliest"); }

    /**
     * A reader's next offset is no longer in the topic: its beginning was deleted (retention or {@code deleteRecords}).
     * A node there cannot catch up from the topic; it joins from a peer's snapshot ({@link ClusterSnapshot}).
     */
    public static final class TopicStartGone extends IllegalStateException {
        public TopicStartGone(String topic, long wanted, long first) {
            super("the topic " + topic + " no longer holds offset " + wanted + " (it starts at " + first + ": older messages were deleted),"
                    + " so this node cannot catch up from it without skipping entries: join from a peer's snapshot instead"
                    + " (`touchline cluster snapshot` on a peer, then `touchline cluster join`)");
        }
    }

    /** One message of a topic. */
    public record Message(long offset, byte[] value) {}

    /** Reads one topic's single partition in order. Not thread-safe: one thread polls it; {@link #wakeup} from any. */
    public final class Reader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;

        private final TopicPartition partition;

        /**
         * {@code from} at least 0 is an offset; a negative one counts back from the end. {@code reset} is Kafka's
         * {@code auto.offset.reset} for an offset out of the topic's range: "none" throws rather than moving on
         * (Kafka's default, "latest", would silently skip to the end).
         */
        private Reader(String topic, long from, String reset) {
            Properties p = common();
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES));
            p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES));
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset);
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            TopicPartition tp = new TopicPartition(topic, 0);
            partition = tp;
            consumer.assign(List.of(tp));
            if (from >= 0) consumer.seek(tp, from);
            else {
                long end = consumer.endOffsets(List.of(tp)).get(tp);
                consumer.seek(tp, Math.max(0, end + from));
            }
        }

        /**
         * The next messages in order (none after {@code timeout}); throws {@code WakeupException} after {@link #wakeup},
         * and {@link TopicStartGone} when the next offset is before the first one the topic still holds.
         */
        public List<Message> poll(Duration timeout) {
            List<Message> out = new ArrayList<>();
            try {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) out.add(new Message(r.offset(), r.value()));
            } catch (OffsetOutOfRangeException e) {
                long at = e.offsetOutOfRangePartitions().getOrDefault(partition, -1L);
                throw new TopicStartGone(partition.topic(), at, firstOffset());
            }
            return out;
        }

        /** The first offset the topic still holds (0 until retention or {@code deleteRecords} removed its beginning). */
        public long firstOffset() { return consumer.beginningOffsets(List.of(partition)).get(partition); }

        /** The offset the next message produced will take. */
        public long endOffset() { return consumer.endOffsets(List.of(partition)).get(partition); }

        /** The offset of the next message {@link #poll} returns. */
        public long position() { return consumer.position(partition); }

        public void wakeup() { consumer.wakeup(); }

        @Override
        public void close() { consumer.close(Duration.ofSeconds(2)); }
    }

    @Override
    public void close() { producer.close(Duration.ofSeconds(5)); }
}
