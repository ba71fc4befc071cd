package org.touchline.ingest.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Segment source: what its events become. A Segment library sends its write key as the HTTP Basic user name; the
 * write key is a Touchline access token, and {@code tokenName} (the name it was granted under) selects this entry.
 *
 * @param source          {@code Interaction.source} of its events, the first half of their idempotency key
 * @param channel         the channel of events from server-side libraries, whose context says no more ("server")
 * @param identifierTypes the identifier type each of Segment's ids is recorded as: {@code userId}, {@code anonymousId},
 *                        {@code previousId} (alias) and {@code groupId} (group)
 * @param events          a {@code track} event's name to a Touchline type ("Order Completed" to {@code purchase});
 *                        an event not named here becomes its name in snake case ({@code order_completed})
 */
public record SegmentSource(String tokenName, String source, String channel, Map<String, String> identifierTypes, Map<String, String> events) {
    static final Set<String> ID_FIELDS = Set.of("userId", "anonymousId", "previousId", "groupId");
    /** userId names a known customer; an anonymousId is a browser's or an app's own id, weak evidence only (docs/identity.md). */
    static final Map<String, String> DEFAULT_TYPES = Map.of("userId", "customer_id", "anonymousId", "cookie", "previousId", "customer_id",
            "groupId", "account");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    public SegmentSource {
        identifierTypes = Map.copyOf(identifierTypes);
        events = Map.copyOf(events);
        for (var e : events.entrySet())
            if (!TYPE.matcher(e.getValue()).matches())
                throw new IllegalArgumentException("events: '" + e.getKey() + "' maps to '" + e.getValue() + "', not a type of 1-64 characters of a-z, 0-9, '_', '.', '-'");
    }

    /** A write key's token with no entry of its own: its name is the source, web the channel, the default identifier types. */
    static SegmentSource named(String tokenName) {
        return new SegmentSource(tokenName, tokenName, "web", new LinkedHashMap<>(DEFAULT_TYPES), Map.of());
    }

    String typeOf(String idField) { return identifierTypes.get(idField); }
}
