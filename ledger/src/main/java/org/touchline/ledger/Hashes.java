package org.touchline.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Merkle tree hash functions of RFC 6962 §2.1 (SHA-256 with domain separation:
 * 0x00 before leaf data, 0x01 before a pair of child hashes).
 *
 * <p>A {@link MessageDigest} per thread avoids the cost of {@code getInstance} on
 * every hash; appends compute two hashes per leaf on average.
 */
public final class Hashes {
    /** Size in bytes of every hash in the tree (SHA-256). */
    public static final int SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashes::newSha256);
    private static final byte[] EMPTY_ROOT = sha256(new byte[0]);

    private Hashes() {
    }

    /** MTH({d(0)}) = SHA-256(0x00 || d(0)), RFC 6962 §2.1. */
    public static byte[] leafHash(byte[] leafData) {
        MessageDigest md = SHA256.get();
        md.update(LEAF_PREFIX);
        md.update(leafData);
        return md.digest();
    }

    /** SHA-256(0x01 || left || right), RFC 6962 §2.1. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = SHA256.get();
        md.update(NODE_PREFIX);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** MTH({}) = SHA-256(), the root of the empty tree, RFC 6962 §2.1. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    /** Plain SHA-256, for key IDs and salted commitments. */
    public static byte[] sha256(byte[] data) {
        MessageDigest md = SHA256.get();
        return md.digest(data);
    }

    /** SHA-256(first || second), without joining them into a copy first. */
    public static byte[] sha256(byte[] first, byte[] second) {
        MessageDigest md = SHA256.get();
        md.update(first);
        md.update(second);
        return md.digest();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }
}
