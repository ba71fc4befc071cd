package org.touchline.node.command;

import org.touchline.domain.Identifier;
import org.touchline.node.Node;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * One write on a node other than interactions: a consent, a rating, an erasure, an identity decision, a relationship, a
 * redemption, a contract change. It is a name and its fields as text, so that a cluster node can order it through its
 * topic and every node apply it alike (docs/architecture.md); {@link #apply} is the one mapping from such a request
 * onto the node's commands, for the API and the command line of a node alone and for every node of a cluster.
 */
public record Write(String name, Map<String, String> fields) {
    public static final String CONSENT = "consent", RATING = "rating", ERASURE = "erasure", REVIEW = "review", UNMERGE = "unmerge",
            RELATIONSHIP = "relationship", RELATIONSHIP_END = "relationship-end", REDEMPTION = "redemption",
            CONTRACT_DEPLOY = "contract-deploy", CONTRACT_CHANGE = "contract-change", REQUEST_FILE = "request-file",
            REQUEST_VERIFY = "request-verify", REQUEST_REFUSE = "request-refuse", REQUEST_EXTEND = "request-extend",
            REQUEST_FULFIL = "request-fulfil", REQUEST_CLOSE = "request-close";

    /** Fields that are null are left out; the rest are kept in name order, so a write encodes the same way everywhere. */
    public Write {
        TreeMap<String, String> kept = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (v != null) kept.put(k, v);
        });
        fields = Collections.unmodifiableSortedMap(kept);
    }

    /** A write from pairs of field name and value (a null value leaves the field out). */
    public static Write of(String name, String... namesAndValues) {
        Map<String, String> f = new TreeMap<>();
        for (int k = 0; k < namesAndValues.length; k += 2) if (namesAndValues[k + 1] != null) f.put(namesAndValues[k], namesAndValues[k + 1]);
        return new Write(name, f);
    }

    /**
     * Appends the write through {@code commands}, which give its entries their time and append ({@link
     * Node#commands}); {@code salt}, if given, seals a rating's comment (every node of a cluster must seal it alike: the
     * leaf holds its commitment). Returns the first entry's index. Refused as the node refuses it
     * (IllegalArgumentException, NoSuchElementException, IllegalStateException...).
     */
    public long apply(Commands commands, byte[] salt) {
        return run(commands, salt);
    }

    /**
     * Checks the write against the node's state now, as {@link #apply} would before appending, through commands that
     * only check; appends nothing.
     */
    public void check(Commands checking) {
        run(checking, null);
    }

    private long run(Commands commands, byte[] salt) {
        return switch (name) {
            case CONSENT -> commands.customerEvents().consent(new CustomerEvents.ConsentChange(required("customer"), required("purpose"),
                    required("state"), required("channel"), fields.get("reason"), instant("occurredAt")));
            case RATING -> {
                CustomerEvents events = commands.customerEvents();
                // Set when a customer rates for themselves: they rate only their own interactions.
                if (fields.containsKey("customer")) events.requireOwnInteraction(fields.get("customer"), whole("entry"));
                yield events.rate(whole("entry"), (int) whole("rating"), fields.get("comment"), fields.get("channel"), salt, fields.get("rater"));
            }
            case ERASURE -> commands.customerEvents().erase(required("customer"), required("actor"));
            case REVIEW -> switch (required("decision")) {
                case "accept" -> commands.identityCommands().acceptReview(whole("entry"), required("actor"), fields.get("reason"));
                case "reject" -> commands.identityCommands().rejectReview(whole("entry"), required("actor"), fields.get("reason"));
                default -> throw new IllegalArgumentException("field 'decision' must be accept or reject, not '" + fields.get("decision") + "'");
            };
            case UNMERGE -> commands.identityCommands().unmerge(required("customer"), fields.get("absorbed"), identifiers(),
                    required("actor"), fields.get("reason"));
            case RELATIONSHIP -> commands.identityCommands().relate(required("type"), required("from"), required("to"),
                    date("validFrom"), date("validTo"), required("actor"));
            case RELATIONSHIP_END -> commands.identityCommands().endRelationship(whole("entry"), date("validTo"), required("actor"));
            case REDEMPTION -> commands.tokens().redeem(required("customer"), required("benefit"), fields.get("channel"));
            case CONTRACT_DEPLOY -> commands.contracts().deploy(required("signed"), required("actor"));
            case CONTRACT_CHANGE -> {
                var c = commands.contracts();
                String id = required("id"), actor = required("actor");
                long version = whole("version");
                yield switch (required("change")) {
                    case "pause" -> c.pause(id, version, actor);
                    case "resume" -> c.resume(id, version, actor);
                    case "retire" -> c.retire(id, version, actor);
                    default -> throw new NoSuchElementException("no such change: say pause, resume or retire");
                };
            }
            case REQUEST_FILE -> commands.requests().file(new DataRequests.Filing(required("type"), fields.get("customer"),
                    fields.containsKey("identifiers") ? identifiers() : List.of(), required("channel"), instant("receivedAt"), list("names"),
                    fields.get("signedIn"), fields.get("actor")), salt);
            case REQUEST_VERIFY -> commands.requests().verify(whole("request"), required("method"), required("agent"), fields.get("customer"));
            case REQUEST_REFUSE -> commands.requests().refuse(whole("request"), required("reason"), required("agent"));
            case REQUEST_EXTEND -> commands.requests().extend(whole("request"), (int) whole("months"), required("reason"), required("agent"));
            case REQUEST_FULFIL -> commands.requests().fulfil(whole("request"), required("agent"), corrections(), salt);
            case REQUEST_CLOSE -> commands.requests().close(whole("request"), required("agent"));
            default -> throw new IllegalArgumentException("no write named '" + name + "'");
        };
    }

    private String required(String field) {
        String v = fields.get(field);
        if (v == null) throw new IllegalArgumentException("write " + name + ": field '" + field + "' is required");
        return v;
    }

    private long whole(String field) {
        String v = required(field);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number, got '" + v + "'");
        }
    }

    private LocalDate date(String field) {
        String v = fields.get(field);
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' must be a date like 2026-11-23, got '" + v + "'");
        }
    }

    /** An instant in RFC 3339 (2026-03-01T09:30:00Z, or with an offset); null if the field is absent. */
    private Instant instant(String field) {
        String v = fields.get(field);
        try {
            return v == null ? null : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' must be a time like 2026-03-01T09:30:00Z, got '" + v + "'");
        }
    }

    /** A comma-separated list; empty if the field is absent. */
    private List<String> list(String field) {
        String v = fields.get(field);
        return v == null || v.isBlank() ? List.of() : List.of(v.split(","));
    }

    /** A rectification's corrected values, one {@code field=value} a line; empty if none were given. */
    private Map<String, String> corrections() {
        String v = fields.get("corrections");
        Map<String, String> out = new TreeMap<>();
        if (v == null) return out;
        for (String line : v.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("field 'corrections': each line must be field=value, got '" + line + "'");
            out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    /** The identifiers to split off, one {@code type:value} a line; null if none were given. */
    private List<Identifier> identifiers() {
        String v = fields.get("identifiers");
        if (v == null) return null;
        List<Identifier> out = new ArrayList<>();
        for (String line : v.split("\n")) out.add(Identifier.parse(line));
        return out;
    }
}
