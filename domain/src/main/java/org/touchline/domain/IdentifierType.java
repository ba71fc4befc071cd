package org.touchline.domain;

import java.util.Locale;
import java.util.Set;

/**
 * The identifier types Touchline knows and how each is normalised. Strong types identify one customer on their
 * own (docs/architecture.md, identity); the others are kept as evidence for the probabilistic matcher.
 */
public final class IdentifierType {
    public static final Set<String> STRONG = Set.of("account", "customer_id", "email", "phone");
    public static final Set<String> KNOWN = Set.of(
            "account", "customer_id", "email", "phone", "crm_id", "loyalty_card", "device_id", "cookie",
            "ip", "ticket_id", "social_handle", "order_id", "name", "postcode", "date_of_birth", "address");

    private IdentifierType() {}

    public static boolean isStrong(String type) { return STRONG.contains(type); }

    public static boolean isKnown(String type) { return KNOWN.contains(type); }

    static String normalise(String type, String raw) {
        String v = raw.strip();
        return switch (type) {
            case "email" -> v.toLowerCase(Locale.ROOT);
            case "phone" -> normalisePhone(v);
            case "account", "customer_id", "crm_id", "loyalty_card", "postcode", "order_id", "ticket_id" ->
                    v.replace(" ", "").toUpperCase(Locale.ROOT);
            case "social_handle" -> v.toLowerCase(Locale.ROOT).replaceFirst("^[@\\s]+", "");
            default -> v;
        };
    }

    /**
     * Phones become digits with the country code and no leading zeros: "+44 20 7946 0958", "0044207946 0958" and the
     * national "020 7946 0958" are one number. National numbers default to +44 (the demo company's country).
     * Normalising a normalised number changes nothing, which replays rely on.
     */
    static String normalisePhone(String v) {
        StringBuilder digits = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') digits.append(c);
        }
        String d = digits.toString();
        String international;
        if (v.startsWith("+")) international = d;
        else if (d.startsWith("00")) international = d.substring(2);
        else if (d.startsWith("0")) return "44" + d.substring(1);
        else return d;
        // No country code starts with 0: such a number is junk, kept as "00..." so that normalising it again (as a
        // replay does, reading the stored value back) gives the same value and so the same identifier key.
        return international.isEmpty() || international.startsWith("0") ? "00" + international : international;
    }
}
