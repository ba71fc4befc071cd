package org.touchline.ingest.events;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a webhook source signs its payloads with HMAC-SHA256: the header carrying the signature, its encoding and prefix,
 * what exactly is signed ({@code signed}: {@code {body}}, with {@code {timestamp}} and {@code {id}} standing for those
 * headers' values), and how far a signed timestamp may be from now before the request counts as a replay.
 */
public record Signature(String name, String header, boolean base64, String prefix, String timestampHeader, String idHeader, String signed,
                        Duration tolerance) {

    /** The schemes platforms publish. */
    public static final Map<String, Signature> PRESETS = presets();

    private static Map<String, Signature> presets() {
        Map<String, Signature> p = new LinkedHashMap<>();
        // Zendesk webhooks: base64(HMAC-SHA256(secret, timestamp + body)), the timestamp in a header of its own.
        p.put("zendesk", new Signature("zendesk", "X-Zendesk-Webhook-Signature", true, "", "X-Zendesk-Webhook-Signature-Timestamp", null,
                "{timestamp}{body}", Duration.ofMinutes(5)));
        // GitHub, and Meta's WhatsApp Business Platform: "sha256=" + hex(HMAC-SHA256(secret, body)); no timestamp is sent.
        p.put("hub-sha256", new Signature("hub-sha256", "X-Hub-Signature-256", false, "sha256=", null, null, "{body}", Duration.ZERO));
        // Standard Webhooks (Svix and the platforms that follow it): "v1," + base64(HMAC-SHA256(key, id.timestamp.body)),
        // space-separated when the key is being rotated; the timestamp in seconds since the epoch.
        p.put("standard-webhooks", new Signature("standard-webhooks", "webhook-signature", true, "v1,", "webhook-timestamp", "webhook-id",
                "{id}.{timestamp}.{body}", Duration.ofMinutes(5)));
        return Map.copyOf(p);
    }
}
