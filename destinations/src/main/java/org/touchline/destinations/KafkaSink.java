package org.touchline.destinations;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A Kafka topic: an idempotent producer ({@code acks=all}) writes each event with the customer's id as its key, so a
 * customer's events land in one partition in ledger order; the event id travels in the {@code touchline-event-id}
 * header. Entries about nobody are keyed by their index.
 */
final class KafkaSink implements Sink {
    private final String topic;
    private final KafkaProducer<String, String> producer;

    /** {@code target}: {@code topic@host:port[,host:port]}. */
    KafkaSink(String target, Duration timeout) {
        Target t = Target.parse(target);
        this.topic = t.topic();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, t.bootstrap());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "touchline-destination-" + t.topic());
        int ms = (int) Math.max(1000, timeout.toMillis());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(ms));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(ms + 10));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Where a Kafka destination writes: {@code topic@bootstrap}. */
    record Target(String topic, String bootstrap) {
        static Target parse(String target) {
            int at = target.indexOf('@');
            if (at <= 0 || at == target.length() - 1)
                throw new IllegalArgumentException("a Kafka destination is TOPIC@HOST:PORT[,HOST:PORT], got '" + target + "'");
            String topic = target.substring(0, at);
            if (!topic.matches("[a-zA-Z0-9._-]{1,249}"))
                throw new IllegalArgumentException("'" + topic + "' is not a Kafka topic name (letters, digits, '.', '_', '-')");
            return new Target(topic, target.substring(at + 1));
        }
    }

    @Override
    public List<String> send(List<OutboundEvent> events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (OutboundEvent e : events) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, e.customer() != null ? e.customer() : Long.toString(e.index()), e.body());
            r.headers().add("touchline-event-id", e.id().getBytes(StandardCharsets.UTF_8));
            try {
                sent.add(producer.send(r));
            } catch (RuntimeException x) {
                sent.add(CompletableFuture.failedFuture(x));
            }
        }
        producer.flush();
        List<String> out = new ArrayList<>(events.size());
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
                out.add(null);
            } catch (ExecutionException x) {
                out.add("Kafka refused it: " + x.getCause().getMessage());
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                out.add("interrupted");
            }
        }
        return out;
    }

    @Override
    public boolean ordered() { return true; }

    @Override
    public void close() { producer.close(Duration.ofSeconds(5)); }
}
