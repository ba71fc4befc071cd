package org.touchline.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-pass reader of Interaction v1 lines against the tree reader it stands in for. */
class InteractionStreamParserTest {

    /** What the tree reader alone makes of a line: the interaction, or the problems it names. */
    private static Object viaTree(String json) {
        try {
            JsonNode n;
            try {
                n = InteractionJson.MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                return List.of(new Problem("r", "(json)", "is not valid JSON: " + e.getOriginalMessage()));
            }
            return InteractionJson.fromJson("r", n);
        } catch (InvalidRecordException e) {
            return e.problems();
        }
    }

    private static Object viaParse(String json) {
        try {
            return InteractionJson.parse("r", json);
        } catch (InvalidRecordException e) {
            return e.problems();
        }
    }

    @RepeatedTest(20)
    void readsEveryGeneratedLineAsTheTreeReaderDoes(RepetitionInfo info) {
        Random random = new Random(1_000 + info.getCurrentRepetition());
        int plainTaken = 0;
        for (int k = 0; k < 500; k++) {
            boolean odd = random.nextInt(3) == 0;
            String line = line(random, odd);
            Object expected = viaTree(line);
            assertEquals(expected, viaParse(line), line);
            if (!odd && expected instanceof Interaction) {
                assertNotNull(InteractionStreamParser.read(line), "a plain line takes the one-pass reader: " + line);
                plainTaken++;
            }
        }
        assertTrue(plainTaken > 100, "most plain lines were generated and taken: " + plainTaken);
    }

    @RepeatedTest(20)
    void readsEveryGeneratedAsciiLineFromItsBytesAsFromItsText(RepetitionInfo info) {
        Random random = new Random(2_000 + info.getCurrentRepetition());
        int taken = 0;
        for (int k = 0; k < 500; k++) {
            String line = line(random, random.nextInt(3) == 0);
            byte[] bytes = ("  " + line + "\n").getBytes(StandardCharsets.UTF_8);
            Interaction fromBytes = InteractionStreamParser.read(bytes, 2, bytes.length - 3, Integer.MAX_VALUE);
            boolean ascii = line.chars().allMatch(c -> c < 0x80);
            if (ascii) assertEquals(InteractionStreamParser.read(line), fromBytes, line);
            else assertNull(fromBytes, "a line beyond ASCII is left to be decoded: " + line);
            if (fromBytes != null) taken++;
        }
        assertTrue(taken > 50, "plain ASCII lines were generated and taken: " + taken);
    }

    @Test
    void leavesALineBeyondAsciiToItsDecodedText() {
        String line = "{\"source\":\"caf\u00e9\",\"sourceRecordId\":\"1\"}";
        assertNotNull(InteractionStreamParser.read(line));
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        assertNull(InteractionStreamParser.read(bytes, 0, bytes.length, Integer.MAX_VALUE));
    }

    @Test
    void takesThePlainShapeOfEveryField() {
        String line = "{\"id\":\"ix_ignored\",\"source\":\"crm\",\"sourceRecordId\":\"EV1\",\"occurredAt\":\"2025-05-01T05:03:51.405+01:00\","
                + "\"channel\":\"email\",\"type\":\"complaint\",\"identifiers\":[{\"type\":\"Email\",\"value\":\"A@B.example\"}],"
                + "\"parties\":[{\"role\":\"actor\",\"identifiers\":[{\"type\":\"phone\",\"value\":\"+44 7700 900123\"}]}],"
                + "\"agentId\":\"ag-7\",\"products\":[\"PLN-TVB\"],\"text\":\"caf\\u00e9 \\\"quoted\\\"\",\"rating\":2,\"attributes\":{\"plan\":\"PLN-TVB\"}}";
        Interaction plain = InteractionStreamParser.read(line);
        assertNotNull(plain);
        assertEquals(viaTree(line), plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"source\":\"a\",\"source\":\"b\"}",                      // a field twice
            "{\"source\":1}",                                          // a number where a string goes
            "{\"rating\":3.0}",                                        // not a whole number
            "{\"rating\":99999999999}",                                // beyond an int
            "{\"attributes\":{\"n\":1}}",                              // an attribute that is not a string
            "{\"identifiers\":[{\"type\":\"email\",\"value\":\"\"}]}", // an empty identifier
            "{\"identifiers\":[{\"type\":\"email\",\"value\":\"a@b.c\",\"note\":\"x\"}]}",
            "{\"occurredAt\":\"yesterday\"}",
            "{\"colour\":\"red\"}",                                    // not a field of Interaction v1
            "{} {}",                                                   // more after the object
            "[1]", "", "{\"source\":"})
    void leavesEveryOtherLineToTheTreeReader(String line) {
        assertNull(InteractionStreamParser.read(line));
        assertEquals(viaTree(line), viaParse(line));
    }

    @Test
    void leavesALineWithMoreValuesThanTheLimitToTheTreeReader() {
        String line = "{\"source\":\"crm\",\"sourceRecordId\":\"1\",\"products\":[\"a\",\"b\",\"c\"]}";
        assertNotNull(InteractionStreamParser.read(line, 7)); // the object, two strings, the array and its three
        assertNull(InteractionStreamParser.read(line, 6));
    }

    // ---- generated lines: mostly plain, sometimes (odd) with the shapes only the tree reader takes

    private static final String[] TEXTS = {"crm", "EV7300001", "caf\u00e9", "\u65e5\u672c", "a\\\"b", "tab\\there", "\\u00e9",
            "emoji \ud83d\ude00", "", " ", "x\\u0000y", "back\\\\slash"};
    private static final String[] ID_TYPES = {"email", "phone", "account", "crm_id", "device_id", "postcode", "Email", "loyalty"};
    private static final String[] ID_VALUES = {"a@b.example", "+44 7700 900123", "ACC-1", "L19 7QS", "dv-1", "", "   ", "abc"};

    private static String line(Random r, boolean odd) {
        List<String> members = new ArrayList<>();
        members.add(member("source", str(r, odd)));
        members.add(member("sourceRecordId", "\"EV" + r.nextInt(1_000_000) + "\""));
        members.add(member("occurredAt", odd && r.nextInt(4) == 0 ? "\"2025-13-01\"" : "\"2025-05-0" + (1 + r.nextInt(9)) + "T0" + r.nextInt(10) + ":00:00Z\""));
        members.add(member("channel", str(r, odd)));
        members.add(member("type", str(r, odd)));
        if (r.nextBoolean()) members.add(member("id", odd && r.nextBoolean() ? "{\"x\":1}" : "\"ix_1\""));
        if (r.nextInt(4) > 0) members.add(member("identifiers", identifiers(r, odd)));
        if (r.nextInt(3) == 0) {
            List<String> parties = new ArrayList<>();
            for (int k = r.nextInt(3); k > 0; k--)
                parties.add("{" + (r.nextBoolean() ? "\"role\":" + (odd && r.nextInt(3) == 0 ? "7" : "\"actor\"") + "," : "")
                        + "\"identifiers\":" + identifiers(r, odd) + "}");
            members.add(member("parties", "[" + String.join(",", parties) + "]"));
        }
        if (r.nextBoolean()) members.add(member("agentId", str(r, odd)));
        if (r.nextBoolean()) {
            List<String> products = new ArrayList<>();
            for (int k = r.nextInt(3); k > 0; k--) products.add(odd && r.nextInt(4) == 0 ? "null" : str(r, false));
            members.add(member("products", "[" + String.join(",", products) + "]"));
        }
        if (r.nextBoolean()) members.add(member("text", str(r, odd)));
        if (r.nextBoolean()) {
            String[] ratings = odd ? new String[]{"3.0", "\"4\"", "1e2", "99999999999", "-1", "null", "true"} : new String[]{"1", "5", "0", "9", "null"};
            members.add(member("rating", ratings[r.nextInt(ratings.length)]));
        }
        if (r.nextBoolean()) {
            List<String> attributes = new ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--)
                attributes.add(member("k" + (odd ? r.nextInt(3) : k), odd && r.nextInt(3) == 0 ? new String[]{"1", "null", "[1,2]", "{\"a\":true}"}[r.nextInt(4)] : str(r, false)));
            members.add(member("attributes", "{" + String.join(",", attributes) + "}"));
        }
        if (odd && r.nextInt(4) == 0) members.add(member(new String[]{"colour", "", "source"}[r.nextInt(3)], "\"x\""));
        if (odd && r.nextInt(4) == 0) members.add(member(new String[]{"identifiers", "parties", "products", "attributes"}[r.nextInt(4)],
                new String[]{"null", "\"x\"", "{}", "[]", "3"}[r.nextInt(5)]));
        Collections.shuffle(members, r);
        String json = "{" + String.join(",", members) + "}";
        if (odd && r.nextInt(8) == 0) json += new String[]{" ", " {}", "x", "}"}[r.nextInt(4)];
        if (odd && r.nextInt(10) == 0) json = json.substring(0, r.nextInt(json.length()));
        return json;
    }

    private static String identifiers(Random r, boolean odd) {
        List<String> ids = new ArrayList<>();
        for (int k = r.nextInt(4); k > 0; k--) {
            String type = ID_TYPES[r.nextInt(ID_TYPES.length)];
            String value = odd ? ID_VALUES[r.nextInt(ID_VALUES.length)] : ID_VALUES[r.nextInt(5)] + r.nextInt(100);
            String extra = odd && r.nextInt(5) == 0 ? ",\"note\":\"x\"" : "";
            ids.add(odd && r.nextInt(6) == 0 ? "\"" + type + "\"" : "{\"type\":\"" + type + "\",\"value\":\"" + value + "\"" + extra + "}");
        }
        return "[" + String.join(",", ids) + "]";
    }

    private static String str(Random r, boolean odd) {
        if (odd && r.nextInt(5) == 0) return new String[]{"null", "12", "true", "{}", "[\"a\"]"}[r.nextInt(5)];
        return "\"" + TEXTS[r.nextInt(TEXTS.length)] + "\"";
    }

    private static String member(String name, String value) { return "\"" + name + "\":" + value; }
}
