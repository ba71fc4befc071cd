package org.touchline.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An offline-verifiable receipt in the C2SP tlog-proof format ("Transparency Log Proofs"):
 *
 * <pre>
 * c2sp.org/tlog-proof@v1
 * [extra &lt;base64 opaque data&gt;]
 * index &lt;decimal&gt;
 * &lt;base64 inclusion proof hash, leaf's sibling first&gt;...
 * (empty line)
 * &lt;the signed checkpoint note, verbatim&gt;
 * </pre>
 *
 * {@code extra} is null when absent; it is not authenticated.
 */
public record Receipt(long index, List<byte[]> proof, SignedNote checkpoint, byte[] extra) {
    public static final String HEADER = "c2sp.org/tlog-proof@v1";

    public Receipt {
        if (index < 0) {
            throw new IllegalArgumentException("receipt index is negative: " + index);
        }
        proof = List.copyOf(proof);
        for (int i = 0; i < proof.size(); i++) {
            if (proof.get(i).length != Hashes.SIZE) {
                throw new IllegalArgumentException("receipt proof hash " + i + " must be " + Hashes.SIZE + " bytes");
            }
        }
        if (checkpoint == null) {
            throw new IllegalArgumentException("receipt needs a signed checkpoint");
        }
        extra = extra == null ? null : extra.clone();
    }

    /** A receipt for an inclusion proof whose tree size is the signed checkpoint's. */
    public static Receipt of(InclusionProof proof, SignedNote checkpoint) {
        Checkpoint c = Checkpoint.parse(checkpoint.text());
        if (c.size() != proof.treeSize()) {
            throw new IllegalArgumentException("inclusion proof is for tree size " + proof.treeSize()
                    + " but the checkpoint has size " + c.size());
        }
        return new Receipt(proof.leafIndex(), proof.hashes(), checkpoint, null);
    }

    @Override
    public byte[] extra() {
        return extra == null ? null : extra.clone();
    }

    public Receipt withExtra(byte[] extra) {
        return new Receipt(index, proof, checkpoint, extra);
    }

    /** The checkpoint's text, parsed but not verified. */
    public Checkpoint checkpointBody() {
        return Checkpoint.parse(checkpoint.text());
    }

    public String encode() {
        StringBuilder sb = new StringBuilder(512);
        sb.append(HEADER).append('\n');
        if (extra != null) {
            sb.append("extra ").append(Base64.getEncoder().encodeToString(extra)).append('\n');
        }
        sb.append("index ").append(index).append('\n');
        for (byte[] hash : proof) {
            sb.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        sb.append('\n');
        sb.append(checkpoint.encode());
        return sb.toString();
    }

    /** Parses a receipt strictly; errors name the offending line. */
    public static Receipt parse(String text) {
        int pos = 0;
        int lineNo = 0;
        String line;

        // Line 1: the header.
        int end = lineEnd(text, pos, ++lineNo);
        line = text.substring(pos, end);
        if (!line.equals(HEADER)) {
            throw new IllegalArgumentException("receipt line 1 must be \"" + HEADER + "\"");
        }
        pos = end + 1;

        // Optional extra line.
        byte[] extra = null;
        end = lineEnd(text, pos, ++lineNo);
        line = text.substring(pos, end);
        if (line.startsWith("extra ")) {
            extra = NoteKeys.decodeBase64(line.substring(6), "receipt line " + lineNo + " (extra data)");
            pos = end + 1;
            end = lineEnd(text, pos, ++lineNo);
            line = text.substring(pos, end);
        }

        // The index line.
        if (!line.startsWith("index ")) {
            throw new IllegalArgumentException("receipt line " + lineNo + " must be \"index <n>\"");
        }
        String digits = line.substring(6);
        if (!digits.matches("0|[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("receipt line " + lineNo + " (index) is not a decimal without leading zeros");
        }
        long index;
        try {
            index = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("receipt line " + lineNo + " (index) is too large");
        }
        pos = end + 1;

        // Proof hashes up to the empty line.
        List<byte[]> proof = new ArrayList<>();
        while (true) {
            end = lineEnd(text, pos, ++lineNo);
            line = text.substring(pos, end);
            pos = end + 1;
            if (line.isEmpty()) {
                break;
            }
            byte[] hash = NoteKeys.decodeBase64(line, "receipt line " + lineNo + " (proof hash)");
            if (hash.length != Hashes.SIZE) {
                throw new IllegalArgumentException("receipt line " + lineNo + " (proof hash) is " + hash.length
                        + " bytes, not " + Hashes.SIZE);
            }
            if (proof.size() == 64) {
                throw new IllegalArgumentException("receipt has more than 64 proof hashes");
            }
            proof.add(hash);
        }

        // The rest is the signed checkpoint, verbatim.
        SignedNote checkpoint;
        try {
            checkpoint = SignedNote.parse(text.substring(pos));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("receipt checkpoint (from line " + lineNo + "): " + e.getMessage());
        }
        return new Receipt(index, proof, checkpoint, extra);
    }

    /**
     * Verifies the receipt for the entry {@code leafData}: the checkpoint carries a valid
     * signature by {@code verifier} and the inclusion proof leads from RFC 6962 leaf hash of
     * the data at {@code index} to the checkpoint's root.
     *
     * @return the verified checkpoint
     * @throws ProofException if the signature or the proof does not verify
     */
    public Checkpoint verify(byte[] leafData, NoteVerifier verifier) {
        return verifyLeafHash(Hashes.leafHash(leafData), verifier);
    }

    /** As {@link #verify(byte[], NoteVerifier)}, and the checkpoint's origin must be {@code origin}. */
    public Checkpoint verify(byte[] leafData, NoteVerifier verifier, String origin) {
        Checkpoint c = verify(leafData, verifier);
        if (!c.origin().equals(origin)) {
            throw new ProofException("receipt checkpoint is from origin \"" + c.origin() + "\", expected \"" + origin + "\"");
        }
        return c;
    }

    /** As {@link #verify(byte[], NoteVerifier)} given the leaf hash instead of the data. */
    public Checkpoint verifyLeafHash(byte[] leafHash, NoteVerifier verifier) {
        verifier.verify(checkpoint);
        Checkpoint c;
        try {
            c = Checkpoint.parse(checkpoint.text());
        } catch (IllegalArgumentException e) {
            throw new ProofException("receipt checkpoint is signed but malformed: " + e.getMessage());
        }
        ProofVerifier.verifyInclusion(leafHash, index, c.size(), proof, c.rootHash());
        return c;
    }

    private static int lineEnd(String text, int pos, int lineNo) {
        int end = text.indexOf('\n', pos);
        if (end < 0) {
            throw new IllegalArgumentException("receipt ends before line " + lineNo + " is complete");
        }
        return end;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Receipt r) || r.index != index || !r.checkpoint.equals(checkpoint)
                || !Arrays.equals(r.extra, extra) || r.proof.size() != proof.size()) {
            return false;
        }
        for (int i = 0; i < proof.size(); i++) {
            if (!Arrays.equals(r.proof.get(i), proof.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(index) * 31 + checkpoint.hashCode();
        for (byte[] hash : proof) {
            h = h * 31 + Arrays.hashCode(hash);
        }
        return h * 31 + Arrays.hashCode(extra);
    }

    @Override
    public String toString() {
        return encode();
    }
}
