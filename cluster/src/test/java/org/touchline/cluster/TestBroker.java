package org.touchline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one real Kafka broker (KRaft, in this JVM) the cluster tests share: starting one takes seconds, and every test
 * uses topics of its own prefix. Started on first use; stopped, and its data deleted, when the test JVM ends.
 */
final class TestBroker {
    private static LocalBroker broker;

    private TestBroker() {}

    static synchronized LocalBroker shared() throws IOException {
        if (broker == null) {
            Path dir = Files.createTempDirectory("touchline-kafka");
            LocalBroker started = LocalBroker.start(dir, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                delete(dir);
            }));
            broker = started;
        }
        return broker;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
