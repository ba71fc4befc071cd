package org.touchline.identity;

import org.touchline.domain.Identifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The identifier index never stores an email or phone in the clear: it is keyed by
 * {@code HMAC-SHA256(node secret, type ":" value)}, so a copy of the projections without the secret is not a
 * directory of customers, and erasing a customer leaves nothing searchable behind.
 */
public final class IdentifierKeys {
    private final ThreadLocal<Mac> mac;

    public IdentifierKeys(byte[] secret) {
        byte[] copy = secret.clone();
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(copy, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public String keyOf(Identifier id) {
        byte[] h = mac.get().doFinal((id.type() + ":" + id.value()).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(h, 20));
    }
}
