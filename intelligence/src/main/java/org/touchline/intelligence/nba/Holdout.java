package org.touchline.intelligence.nba;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Who is held out of an action to measure its uplift: a customer is held out when HMAC-SHA256(key, customer, action),
 * read as a number in [0, 1), falls below the action's hold-out share. No random draw is stored or shared: every node
 * with the same catalogue makes the same choice, the same customer stays in the same group of an action from one
 * offer to the next (so the two groups do not mix over time), and without the key nobody can steer a customer into
 * either group. The key is the catalogue's {@code uplift.holdout_key}, by default its version.
 */
public final class Holdout {
    private final byte[] key;

    public Holdout(String key) {
        if (key == null || key.isEmpty()) throw new IllegalArgumentException("uplift.holdout_key must not be empty");
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** Where the customer falls for this action, uniformly in [0, 1). */
    public double position(String customer, String action) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // A separator that cannot occur in either id, so ("ab", "c") and ("a", "bc") differ.
            byte[] h = mac.doFinal((customer + '\u0000' + action).getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(h, 0, 8).getLong() >>> 11) * 0x1.0p-53;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    public boolean holdsOut(String customer, String action, double share) {
        return share > 0 && position(customer, action) < share;
    }
}
