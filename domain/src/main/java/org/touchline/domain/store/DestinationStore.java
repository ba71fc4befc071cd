package org.touchline.domain.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outbound destinations (docs/destinations.md): each subscription with its cursor over the log, the deliveries it owes
 * and its counts. Not a projection: a rebuild leaves it alone, and a subscription's cursor is where its receiver is,
 * not something the log decides. Every change that moves entries between states is one transaction, so an entry is
 * either still ahead of the cursor, owed (pending or dead), or counted as delivered or skipped: never lost, never twice.
 */
public interface DestinationStore {
    /** Adds a subscription whose cursor starts at {@code cursor} (the index of the first entry it examines). */
    void create(Subscription subscription, long cursor);

    List<Subscription> subscriptions();

    Optional<Subscription> subscription(String id);

    /** Sets a subscription's state ({@link Subscription#ACTIVE} or {@link Subscription#PAUSED}); false when there is no such subscription. */
    boolean setState(String id, String state);

    /** Deletes a subscription with its cursor and the deliveries it owes; false when there was none. */
    boolean delete(String id);

    /**
     * Moves the cursor of {@code id} from {@code from} to {@code to}, adding {@code owed} (entries in {@code [from, to)}
     * the subscription takes) as pending deliveries; the entries it does not take are passed over. Refused (false) when
     * the cursor is no longer at {@code from}: a rewind moved it meanwhile.
     */
    boolean advance(String id, long from, long to, List<Delivery> owed);

    /** Pending deliveries of {@code id} due at {@code now}, oldest entry first. */
    List<Delivery> due(String id, Instant now, int limit);

    /** Records what became of attempted deliveries, and updates the subscription's counts, in one transaction. */
    void settle(String id, List<Settled> settled);

    /** Dead deliveries of {@code id} after entry {@code afterIndex}, in entry order. */
    List<Delivery> dead(String id, long afterIndex, int limit);

    /** Makes every dead delivery of {@code id} pending again, due now, attempts from zero; answers how many. */
    int replayDead(String id, Instant now);

    /** Moves the cursor of {@code id} back (or forward) to {@code index}: the entries from there are examined again. */
    boolean rewind(String id, long index);

    /** Counts and lag of {@code id}; empty when there is no such subscription. */
    Optional<Progress> progress(String id);

    /**
     * A destination: where events go (an HTTP webhook URL or a Kafka topic), which entry kinds it takes, the purpose
     * its receiver uses them for, and the secret webhooks are signed with.
     *
     * @param sink    {@link #WEBHOOK} or {@link #KAFKA}
     * @param target  the webhook's URL, or {@code topic@host:port[,host:port]} for Kafka
     * @param kinds   the entry kinds it takes, by name (interactions, consent_changes...)
     * @param purpose the consent purpose its receiver uses the events for (marketing, service, analytics...)
     * @param secret  the Standard Webhooks signing secret ({@code whsec_} and base64), null for Kafka
     */
    record Subscription(String id, String name, String sink, String target, List<String> kinds, String purpose, String secret,
                        String state, Instant createdAt) {
        public static final String WEBHOOK = "webhook", KAFKA = "kafka";
        public static final String ACTIVE = "active", PAUSED = "paused";

        public Subscription {
            kinds = List.copyOf(kinds);
        }
    }

    /**
     * One entry owed to a subscription: pending until delivered, dead after its last failed attempt.
     *
     * @param enqueuedAt when the cursor passed it (the age of the oldest undelivered entry counts from here)
     */
    record Delivery(long index, String status, int attempts, Instant nextAt, Instant enqueuedAt, String lastError) {
        public static final String PENDING = "pending", DEAD = "dead";

        /** A new delivery of entry {@code index}, due at once. */
        public static Delivery owed(long index, Instant now) { return new Delivery(index, PENDING, 0, now, now, null); }
    }

    /**
     * What one attempt ended in: {@link Outcome#DELIVERED}, {@link Outcome#SKIPPED} (the customer's consent for the
     * purpose is withdrawn, or the customer was erased: not sent, counted), {@link Outcome#RETRY} (failed, tried again at
     * {@code nextAt}) or {@link Outcome#DEAD} (failed for the last time).
     */
    record Settled(long index, Outcome outcome, Instant nextAt, String error) {
        public enum Outcome { DELIVERED, SKIPPED, RETRY, DEAD }
    }

    /**
     * A subscription's counts and lag: where its cursor is, deliveries made, failed attempts, dead and skipped
     * entries, and what it still owes (pending deliveries, the oldest of them passed by the cursor at {@code oldestPendingAt}).
     */
    record Progress(long cursor, long delivered, long failed, long dead, long skipped, long pending, Instant oldestPendingAt) {}
}
