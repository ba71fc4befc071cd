package org.touchline.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** The data directory's {@code events.yaml} for the standard-events tests, with the shipped example mappings. */
final class StandardEventsFixture {
    static final Path EXAMPLES = Path.of("..", "examples", "events").toAbsolutePath().normalize();
    static final String HELPDESK_SECRET = "helpdesk-secret-7f3a", SMS_SECRET_BYTES = "sms-key-bytes-0123456789";
    /** A Standard Webhooks secret: whsec_ and the key in base64. */
    static final String SMS_SECRET = "whsec_" + Base64.getEncoder().encodeToString(SMS_SECRET_BYTES.getBytes(StandardCharsets.UTF_8));

    private StandardEventsFixture() {}

    /** events.yaml naming the shipped example mappings, with secrets given in the file (the tests have no environment to set). */
    static void write(Path dir) throws IOException { write(dir, "ledger"); }

    /** As {@link #write(Path)}, the help desk's webhooks acknowledged on {@code helpdeskAcknowledge} (ledger or intake). */
    static void write(Path dir, String helpdeskAcknowledge) throws IOException {
        Files.writeString(dir.resolve("events.yaml"), """
                segment:
                  website:
                    source: website
                    events: { "Order Completed": purchase }
                cloudevents:
                  com.example.order.placed: %s
                webhooks:
                  helpdesk:
                    mapping: %s
                    secret: %s
                    signature: zendesk
                    acknowledge: %s
                  sms:
                    mapping: %s
                    secret: %s
                    signature: standard-webhooks
                """.formatted(EXAMPLES.resolve("orders-cloudevent.yaml"), EXAMPLES.resolve("helpdesk-ticket.yaml"), HELPDESK_SECRET, helpdeskAcknowledge,
                EXAMPLES.resolve("sms-status.yaml"), SMS_SECRET));
    }

    /** The newest interaction on a customer's timeline (identity decisions, which share the timeline, left out). */
    static JsonNode latestInteraction(ServerFixture f, String customer) {
        for (JsonNode item : f.okJson("/v1/customers/" + customer + "/timeline?limit=20").path("items"))
            if (item.path("kind").asText().equals("interaction")) return item;
        throw new AssertionError(customer + " has no interaction on its timeline");
    }
}
