package org.touchline.contracts;

import org.touchline.ledger.NoteSigner;

/**
 * A fixed administrator key for the fuzz tests (seed bytes 1..32, made for tests only), so their corpora can hold
 * contracts it signed and the fuzzer can start from valid signatures.
 */
final class Admins {
    static final NoteSigner SIGNER = NoteSigner.parse("PRIVATE+KEY+admin.fuzz+556998be+AQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g");

    private Admins() {}
}
