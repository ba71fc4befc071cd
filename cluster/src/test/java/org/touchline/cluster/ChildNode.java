package org.touchline.cluster;

import java.nio.file.Path;
import java.util.Base64;

/**
 * A cluster node in a JVM of its own, so a test can kill it (SIGKILL: no shutdown hook, no clean close) in the middle
 * of ingestion. Arguments: data dir, origin, base64 identifier secret, cosigner name, Kafka bootstrap, topic prefix.
 * Prints {@code serving <port>} once its API listens.
 */
public final class ChildNode {
    public static void main(String[] args) throws Exception {
        ClusterMember m = ClusterMember.open(new ClusterMember.Settings(Path.of(args[0]), args[1], Base64.getDecoder().decode(args[2]),
                args[3], args[4], args[5]));
        int port = m.serve("127.0.0.1", 0).port();
        System.out.println("serving " + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
