package org.touchline.node;

/**
 * A command the asker may not make, whatever the state of the log: a customer rating someone else's interaction.
 * Answered with 403 by the API; an {@link IllegalStateException} so that a cluster refuses it like any other refusal.
 */
public final class NotPermitted extends IllegalStateException {
    public NotPermitted(String message) { super(message); }
}
