package org.touchline.cluster;

import org.touchline.node.SignedBatches;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several nodes of one cluster on this machine, prepared as an operator would with {@code touchline cluster init} and
 * {@code trust}: one shared identifier secret, each node's cosigner key trusted by all, the channel keys registered on
 * all. For the tests and the benchmark; nodes start and stop one by one.
 */
public final class LocalCluster implements AutoCloseable {
    private final List<Path> dirs = new ArrayList<>();
    private final List<String> cosigners = new ArrayList<>();
    private final String origin, bootstrap, prefix;
    private final byte[] secret;
    private final ClusterMember[] members;

    public LocalCluster(Path root, String origin, byte[] secret, String bootstrap, String prefix, int nodes, List<String> channelKeys) throws IOException {
        this.origin = origin;
        this.secret = secret.clone();
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        this.members = new ClusterMember[nodes];
        List<String> vkeys = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Path dir = root.resolve("node-" + i);
            dirs.add(dir);
            cosigners.add("node-" + i + "." + origin.replace('/', '.'));
            vkeys.add(Cosigner.openOrCreate(dir, cosigners.get(i)).verifierKey());
            Files.writeString(dir.resolve(SignedBatches.KEYS_FILE), String.join("\n", channelKeys) + "\n");
        }
        for (Path dir : dirs) Files.writeString(dir.resolve(ClusterNode.PEERS_FILE), String.join("\n", vkeys) + "\n");
    }

    public ClusterMember.Settings settings(int i) {
        return new ClusterMember.Settings(dirs.get(i), origin, secret, cosigners.get(i), bootstrap, prefix);
    }

    public ClusterMember start(int i) throws IOException {
        if (members[i] != null) throw new IllegalStateException("node " + i + " is running");
        members[i] = ClusterMember.open(settings(i));
        return members[i];
    }

    public void stop(int i) {
        members[i].close();
        members[i] = null;
    }

    public ClusterMember member(int i) { return members[i]; }

    public int size() { return members.length; }

    public Path dir(int i) { return dirs.get(i); }

    public String cosigner(int i) { return cosigners.get(i); }

    @Override
    public void close() {
        for (int i = 0; i < members.length; i++) if (members[i] != null) stop(i);
    }
}
