package org.touchline.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** RFC 8785 §3.2.2 (the example input of the RFC, with its canonical output). */
    @Test
    void theRfcExampleCanonicalisesByteForByte() throws Exception {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n               2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n  \"literals\": [null, true, false]\n}";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        JsonNode n = InteractionJson.MAPPER.readTree(input);
        assertThat(CanonicalJson.string(n)).isEqualTo(expected);
    }

    /** RFC 8785 §3.2.3: sorting by UTF-16 code units, not code points. */
    @Test
    void membersSortByUtf16CodeUnits() {
        ObjectNode n = F.objectNode();
        n.put("\u20ac", "Euro Sign").put("\r", "Carriage Return").put("\ufb33", "Hebrew Letter Dalet With Dagesh")
                .put("1", "One").put("\ud83d\ude00", "Emoji: Grinning Face").put("\u0080", "Control").put("\u00f6", "Latin Small Letter O With Diaeresis");
        assertThat(CanonicalJson.string(n)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void aLoneSurrogateIsRefused() {
        assertThatThrownBy(() -> CanonicalJson.string(F.textNode("a\ud800b"))).hasMessageContaining("lone surrogate");
    }

    @RepeatedTest(50)
    void randomDocumentsMatchTheReferenceImplementation(RepetitionInfo rep) throws Exception {
        Random random = new Random(8785L * rep.getCurrentRepetition());
        JsonNode doc = F.objectNode().set("doc", randomValue(random, 0)); // the reference takes only objects and arrays
        String reference = new JsonCanonicalizer(InteractionJson.MAPPER.writeValueAsString(doc)).getEncodedString();
        assertThat(CanonicalJson.string(doc)).isEqualTo(reference);
    }

    /** The writer the ingest path uses gives the reference's UTF-8 bytes for any strings, escapes and code points. */
    @RepeatedTest(50)
    void theWriterMatchesTheReferenceImplementation(RepetitionInfo rep) throws Exception {
        Random random = new Random(3339L * rep.getCurrentRepetition());
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int k = random.nextInt(4); k > 0; k--) attributes.put(randomString(random) + k, randomString(random));
        List<Identifier> ids = new ArrayList<>();
        for (int k = random.nextInt(3); k > 0; k--) ids.add(new Identifier("cookie", "c" + randomString(random)));
        PersonalPart part = new PersonalPart(ids, List.of(new PartyRole(randomString(random), ids)), randomString(random), attributes);

        ObjectNode doc = F.objectNode();
        ObjectNode attrs = doc.putObject("attributes");
        attributes.forEach(attrs::put);
        ArrayNode idsJson = doc.putArray("identifiers");
        for (Identifier id : ids) idsJson.addObject().put("type", id.type()).put("value", id.value());
        ObjectNode party = doc.putArray("parties").addObject().put("role", part.parties().get(0).role());
        party.set("identifiers", idsJson.deepCopy());
        doc.put("text", part.text());
        byte[] reference = new JsonCanonicalizer(InteractionJson.MAPPER.writeValueAsString(doc)).getEncodedUTF8();
        assertThat(part.canonical()).isEqualTo(reference);
    }

    private static JsonNode randomValue(Random r, int depth) {
        int kind = depth > 3 ? r.nextInt(5) : r.nextInt(7);
        return switch (kind) {
            case 0 -> F.textNode(randomString(r));
            case 1 -> F.numberNode(r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(100_000) - 50_000);
            case 2 -> F.numberNode(r.nextBoolean() ? r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) : -r.nextGaussian());
            case 3 -> F.booleanNode(r.nextBoolean());
            case 4 -> F.nullNode();
            case 5 -> {
                ArrayNode a = F.arrayNode();
                for (int k = r.nextInt(5); k > 0; k--) a.add(randomValue(r, depth + 1));
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int k = r.nextInt(6); k > 0; k--) o.set(randomString(r), randomValue(r, depth + 1));
                yield o;
            }
        };
    }

    private static String randomString(Random r) {
        String alphabet = "abcXYZ09 \"\\/\n\t\u0001\u001f\u007f\u00e9\u20ac\ud83d\ude00\u2028";
        StringBuilder s = new StringBuilder();
        for (int k = r.nextInt(8); k > 0; k--) {
            int i = r.nextInt(alphabet.length());
            char c = alphabet.charAt(i);
            if (Character.isHighSurrogate(c)) s.append(c).append(alphabet.charAt(i + 1));
            else if (!Character.isLowSurrogate(c)) s.append(c);
        }
        return s.toString();
    }
}
