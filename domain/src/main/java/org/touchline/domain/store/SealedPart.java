package org.touchline.domain.store;

/**
 * A personal part as it rests beside the log: AES-GCM ciphertext of {@code salt ‖ canonical(part)} under the data
 * key {@code keyId} (one per customer, so erasing a customer is deleting a key).
 */
public record SealedPart(long index, String keyId, byte[] nonce, byte[] ciphertext) {}
