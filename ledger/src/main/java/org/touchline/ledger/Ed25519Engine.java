package org.touchline.ledger;

import java.util.ServiceLoader;

/**
 * Ed25519 (RFC 8032 section 5.1) as notes are signed and verified. The JDK's implementation is the default; one found
 * on the class path through {@link ServiceLoader} takes its place. The node ships a faster one: the JDK's signs about
 * a thousand times a second, and a group's batch note and checkpoint are signed once each, so with small groups (one
 * record a request) signing set the pace of the whole write path. Ed25519 signatures are deterministic (RFC 8032
 * section 5.1.6): every implementation gives the same bytes, so the log cannot tell which one signed.
 */
public interface Ed25519Engine {
    /** The 64-byte signature of {@code message} by the key of the 32-byte {@code seed}, whose public key is given. */
    byte[] sign(byte[] seed, byte[] publicKey, byte[] message);

    /** Whether {@code signature} is a valid signature of {@code message} by the 32-byte {@code publicKey}. */
    boolean verify(byte[] publicKey, byte[] message, byte[] signature);

    /** The implementation to use: the first the class path provides, else the JDK's. */
    static Ed25519Engine installed() {
        return ServiceLoader.load(Ed25519Engine.class, Ed25519Engine.class.getClassLoader()).findFirst().orElseGet(JdkEd25519::new);
    }
}
