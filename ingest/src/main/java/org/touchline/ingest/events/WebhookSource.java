package org.touchline.ingest.events;

import org.touchline.ingest.SourceMapping;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One platform that posts webhooks to {@code /v1/webhooks/{name}}: the source mapping (format jsonl) its payloads are
 * read with, and the HMAC-SHA256 secret and scheme it signs them with.
 *
 * @param mappingFile where the mapping was read from: a refused payload's dead letter names it, so a resubmission maps it again
 * @param acknowledge when the platform is answered (docs/events.md, "Acknowledgement")
 */
public record WebhookSource(String name, Path mappingFile, SourceMapping mapping, Signature signature, byte[] secret, Acknowledge acknowledge) {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    /**
     * {@code LEDGER}: once the event is in the ledger, with its outcome (201, 200 or 422). {@code INTAKE}: once the mapped
     * event is durably queued (202), the ledger appending it a moment later among others; a payload the mapping refuses
     * is still answered 422 at once.
     */
    public enum Acknowledge { LEDGER, INTAKE }

    @Override public String toString() { return "WebhookSource[" + name + ", " + mappingFile + ", " + signature.name() + "]"; }
}
