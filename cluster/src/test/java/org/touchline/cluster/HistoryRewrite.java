package org.touchline.cluster;

import org.touchline.ledger.Checkpoint;
import org.touchline.ledger.Frontier;
import org.touchline.ledger.Hashes;
import org.touchline.ledger.NoteSigner;
import org.touchline.ledger.StoredNode;
import org.touchline.ledger.Tiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator with the node's key could do to a stopped node's SQLite file: change one entry, recompute every
 * hash above it and sign a new checkpoint, so the node's own checks pass. Only another node's view can tell.
 */
final class HistoryRewrite {
    private HistoryRewrite() {}

    static void changeLeaf(Path dataDir, long index) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("touchline.db"))) {
            db.setAutoCommit(false);
            List<byte[]> leaves = new ArrayList<>();
            try (ResultSet rs = db.createStatement().executeQuery("SELECT leaf FROM entries ORDER BY idx")) {
                while (rs.next()) leaves.add(rs.getBytes(1));
            }
            byte[] leaf = leaves.get((int) index);
            leaf[leaf.length - 3] ^= 1;
            try (PreparedStatement ps = db.prepareStatement("UPDATE entries SET leaf = ? WHERE idx = ?")) {
                ps.setBytes(1, leaf);
                ps.setLong(2, index);
                ps.executeUpdate();
            }
            Frontier tree = Frontier.empty();
            List<StoredNode> nodes = new ArrayList<>();
            for (byte[] l : leaves) tree.append(Hashes.leafHash(l), nodes::add);
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO tiles (id, hashes) VALUES (?, ?)")) {
                for (Tiles.Slice t : Tiles.slices(nodes)) {
                    ps.setLong(1, ((long) t.level() << 48) | t.index());
                    ps.setBytes(2, t.hashes());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            NoteSigner key = NoteSigner.parse(Files.readString(dataDir.resolve("node.key")).strip());
            String note = key.sign(new Checkpoint(key.name(), leaves.size(), tree.root()).body()).encode();
            try (PreparedStatement ps = db.prepareStatement("UPDATE checkpoints SET note = ? WHERE size = ?")) {
                ps.setString(1, note);
                ps.setLong(2, leaves.size());
                if (ps.executeUpdate() != 1) throw new IllegalStateException("no checkpoint at size " + leaves.size());
            }
            db.commit();
        }
    }
}
