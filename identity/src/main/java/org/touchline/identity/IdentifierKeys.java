package org.touchline.identity;

import org.touchline.domain.Identifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The identifier index never stores an email or phone in the clear: it is keyed by
 * {@code HMAC-SHA256(node secret, type ":" value)}, so a copy of the projections without the secret is not a
 * directory of customers, and erasing a customer leaves nothing searchable behind. The search index (every customer
 * holding a name or a postcode) is keyed the same way, by the value's searchable form.
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

    /**
     * Weak types many customers share, which an agent searches by: the search index keeps every customer holding each
     * value, where the identifier index keeps one.
     */
    public static final Set<String> SEARCHABLE = Set.of("name", "postcode");

    public String keyOf(Identifier id) { return hmac(id.type() + ":" + id.value()); }

    /**
     * The key of the search index for {@code id}, or null when its type is not {@link #SEARCHABLE}. "Ada  Lovelace",
     * "ada lovelace" and "ADA LOVELACE" are one key (names are kept as written, so case and spacing vary between
     * sources and agents); the prefix keeps these keys apart from the identifier index's.
     */
    public String searchKeyOf(Identifier id) {
        return SEARCHABLE.contains(id.type()) ? hmac("search/" + id.type() + ":" + searchable(id.value())) : null;
    }

    /** The key of a postcode area ({@link PostcodeAreas}), apart from the identifier and search indexes' keys. */
    public String areaKeyOf(String area) { return hmac("area/postcode:" + area); }

    /** Compatibility forms folded (NFKC), lower case, runs of white space as one space. */
    static String searchable(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    private String hmac(String text) {
        byte[] h = mac.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 20));
    }
}
