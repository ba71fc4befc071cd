package org.touchline.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.touchline.domain.CanonicalJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Sample entries to run a contract against before it is deployed ({@code touchline contracts test}). A samples file
 * is JSON Lines, one sample a line:
 *
 * <pre>
 * {"name": "five stars on a call", "entry": {...}, "customer": {...}, "expect": [{"award_tokens": {...}}]}
 * </pre>
 *
 * {@code entry} uses the fields of {@link ContractSchema#ENTRY_FIELDS} (times as RFC 3339; {@code index} defaults to
 * the line number); {@code customer} is optional (a default state may be given for the file). {@code expect}, when
 * present, lists the actions the sample must produce, each as {@code {type: resolved params}}, {@code []} meaning
 * none; {@code expectError} instead gives a text the evaluation error must contain. Blank lines are skipped.
 */
public final class ContractSamples {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of("name", "entry", "customer", "expect", "expectError");

    private ContractSamples() {}

    /** One sample: the entry, the customer state and what it should give (null when no expectation is stated). */
    public record Sample(int line, String name, EntryView entry, CustomerState customer, JsonNode expect, String expectError) {
        /** The name, or {@code line N}. */
        public String label() {
            return name == null ? "line " + line : name;
        }
    }

    /** A sample's outcome, and whether it met its expectation ({@code passed} is null when it states none). */
    public record Result(Sample sample, Outcome outcome, Boolean passed, String mismatch) {}

    public static List<Sample> read(Path file, CustomerState defaultCustomer) throws IOException {
        return parse(Files.readAllLines(file), file.getFileName().toString(), defaultCustomer);
    }

    /**
     * Parses the lines of a samples file.
     *
     * @throws IllegalArgumentException naming the file, the line and the field
     */
    public static List<Sample> parse(List<String> lines, String source, CustomerState defaultCustomer) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) continue;
            int line = i + 1;
            try {
                JsonNode n = JSON.readTree(text);
                if (!n.isObject()) throw new IllegalArgumentException("expected a JSON object");
                Iterator<String> names = n.fieldNames();
                while (names.hasNext()) {
                    String k = names.next();
                    if (!KEYS.contains(k)) throw new IllegalArgumentException("unknown key '" + k + "' (allowed: " + String.join(", ", KEYS) + ")");
                }
                if (!n.has("entry")) throw new IllegalArgumentException("'entry' is required");
                EntryView entry = EntryView.fromJson(n.get("entry"), line);
                CustomerState customer = n.hasNonNull("customer") ? CustomerState.fromJson(n.get("customer"))
                        : defaultCustomer == null ? CustomerState.EMPTY : defaultCustomer;
                JsonNode expect = n.get("expect");
                if (expect != null && !expect.isArray()) throw new IllegalArgumentException("'expect' must be a list of actions");
                String expectError = n.hasNonNull("expectError") ? n.get("expectError").asText() : null;
                if (expect != null && expectError != null) throw new IllegalArgumentException("give 'expect' or 'expectError', not both");
                samples.add(new Sample(line, n.hasNonNull("name") ? n.get("name").asText() : null, entry, customer, expect, expectError));
            } catch (IOException e) {
                throw new IllegalArgumentException(source + " line " + line + ": not JSON: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + line + ": " + e.getMessage(), e);
            }
        }
        return samples;
    }

    /** Runs the contract on one sample and checks the expectation. */
    public static Result run(CompiledContract contract, Sample s) {
        Outcome o = contract.evaluate(s.entry(), s.customer());
        if (s.expectError() != null) {
            boolean ok = o.status() == Outcome.Status.ERROR && o.error().contains(s.expectError());
            return new Result(s, o, ok, ok ? null : "expected an error containing '" + s.expectError() + "'");
        }
        if (s.expect() == null) return new Result(s, o, null, null);
        if (o.status() == Outcome.Status.ERROR) return new Result(s, o, false, "expected " + s.expect() + ", got an error");
        String expected = CanonicalJson.string(s.expect()), actual = CanonicalJson.string(actionsJson(o.actions()));
        boolean ok = expected.equals(actual);
        return new Result(s, o, ok, ok ? null : "expected " + expected + "\n      got      " + actual);
    }

    /** Actions in the samples' form: {@code [{type: params}]}. */
    public static ArrayNode actionsJson(List<ContractAction> actions) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (ContractAction x : actions) a.addObject().set(x.type().wireName(), x.toJson().get("params"));
        return a;
    }

}
