package org.touchline.node.spi;

import org.touchline.domain.store.AudienceStore;
import org.touchline.domain.store.DestinationStore;
import org.touchline.node.Node;

import java.util.ServiceLoader;

/**
 * The HTTP front of a node: the API, the web pages and the metrics they serve. The server module provides it and
 * registers it in {@code META-INF/services}; the launcher and the cluster find it on the class path, so neither
 * compiles against the server (as a plugin SPI does: the adapters depend on the node, never on each other).
 */
public interface HttpFront {
    /**
     * The front of {@code node}, not serving yet; {@code cluster} is null for a node alone. {@code insecureOpen}: answer
     * without a token while none is granted (only when asked for explicitly); otherwise every route needs one.
     */
    default Api of(Node node, ClusterRole cluster, boolean insecureOpen) { return of(node, cluster, insecureOpen, null); }

    /**
     * The front of {@code node} that also delivers to the outbound destinations kept in {@code destinations} while it
     * serves, and serves their routes (docs/destinations.md); null for a node that keeps none.
     */
    default Api of(Node node, ClusterRole cluster, boolean insecureOpen, DestinationStore destinations) {
        return of(node, cluster, insecureOpen, destinations, null);
    }

    /**
     * The same that also keeps the audiences whose members are in {@code audiences} while it serves (their evaluator
     * runs then), and serves their routes (docs/audiences.md); null for a node that keeps none.
     */
    Api of(Node node, ClusterRole cluster, boolean insecureOpen, DestinationStore destinations, AudienceStore audiences);

    /** How the first administrator token is made, for the start-up message of a node awaiting it. */
    String firstTokenCommand();

    /**
     * The meters the front keeps on {@code node}'s writes, registered as when it serves, without serving: what a
     * benchmark measures "as served" with. Closing them stops observing.
     */
    AutoCloseable meters(Node node);

    /** The front on the class path; refused, saying so, when the server module is not there. */
    static HttpFront find() {
        return ServiceLoader.load(HttpFront.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "no HTTP front on the class path: the server module (touchline-server) must be beside the node"));
    }

    /** One node's API: started on an address, then closed (a front never started closes too). */
    interface Api extends AutoCloseable {
        /** Serves on {@code host:port} (0: any free port) and returns itself. */
        Api start(String host, int port);

        int port();

        /** True when the node is closed and nobody can get in yet: no token granted, no identity provider. */
        boolean awaitingFirstToken();

        @Override
        void close();
    }
}
