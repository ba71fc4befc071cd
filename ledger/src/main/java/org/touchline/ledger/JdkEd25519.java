package org.touchline.ledger;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;

/** The JDK's Ed25519 (provider SunEC): the default when the class path offers no other {@link Ed25519Engine}. */
public final class JdkEd25519 implements Ed25519Engine {
    @Override
    public byte[] sign(byte[] seed, byte[] publicKey, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(NoteKeys.privateKey(seed));
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(NoteKeys.publicKey(publicKey));
            v.update(message);
            return v.verify(signature);
        } catch (SignatureException e) {
            return false; // malformed signature bytes
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification failed to run", e);
        }
    }
}
