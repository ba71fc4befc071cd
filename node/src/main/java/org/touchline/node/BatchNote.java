package org.touchline.node;

import org.touchline.ledger.Hashes;

import java.util.Base64;
import java.util.List;

/**
 * The signed statement that binds a submitter to one group commit: who submitted entries {@code [first, first+count)}
 * and the SHA-256 of their concatenated leaf hashes. Signed as a C2SP signed note, like checkpoints, so the same
 * tools verify it. Text form:
 * <pre>
 * touchline/batch/v1
 * &lt;origin&gt;
 * &lt;first&gt; &lt;count&gt;
 * &lt;base64 SHA-256(leafHash_first ‖ … ‖ leafHash_last)&gt;
 * submitter &lt;name&gt;
 * </pre>
 */
record BatchNote(String origin, long first, long count, byte[] digest, String submitter) {
    static final String HEADER = "touchline/batch/v1";

    static BatchNote of(String origin, long first, List<byte[]> leafHashes, String submitter) {
        return new BatchNote(origin, first, leafHashes.size(), digest(leafHashes), submitter);
    }

    static byte[] digest(List<byte[]> leafHashes) {
        byte[] all = new byte[leafHashes.size() * 32];
        for (int k = 0; k < leafHashes.size(); k++) System.arraycopy(leafHashes.get(k), 0, all, k * 32, 32);
        return Hashes.sha256(all);
    }

    String text() {
        return HEADER + "\n" + origin + "\n" + first + " " + count + "\n" + Base64.getEncoder().encodeToString(digest) + "\n"
                + "submitter " + submitter + "\n";
    }

    static BatchNote parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length != 5 || !lines[0].equals(HEADER) || !lines[4].startsWith("submitter "))
            throw new IllegalArgumentException("not a " + HEADER + " note");
        String[] range = lines[2].split(" ");
        return new BatchNote(lines[1], Long.parseLong(range[0]), Long.parseLong(range[1]), Base64.getDecoder().decode(lines[3]),
                lines[4].substring("submitter ".length()));
    }
}
