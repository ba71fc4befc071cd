package org.touchline.node.signing;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.touchline.ledger.Ed25519Engine;

/**
 * The node's Ed25519 for the ledger's notes: Bouncy Castle's RFC 8032 arithmetic, which signs in about 50 µs where the
 * JDK's takes about 900 µs on the machines of docs/benchmarks.md. The ledger finds it through
 * {@link Ed25519Engine#installed()}; the signatures are the same bytes as the JDK's (RFC 8032 section
 * 5.1.6), which {@code BouncyCastleEd25519Test} checks against the JDK and the RFC's vectors.
 */
public final class BouncyCastleEd25519 implements Ed25519Engine {
    @Override
    public byte[] sign(byte[] seed, byte[] publicKey, byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE || signature.length != Ed25519.SIGNATURE_SIZE) return false;
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }
}
