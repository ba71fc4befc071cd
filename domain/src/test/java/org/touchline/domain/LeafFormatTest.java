package org.touchline.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The leaf and the personal part are written directly; they must be exactly what RFC 8785 makes of the same JSON. */
class LeafFormatTest {
    @RepeatedTest(40)
    void leafAndPersonalPartAreTheReferenceCanonicalForm(RepetitionInfo rep) throws Exception {
        Random r = new Random(6962L * rep.getCurrentRepetition());
        Interaction i = randomInteraction(r);
        byte[] commitment = new byte[32];
        r.nextBytes(commitment);
        InteractionEntry entry = InteractionEntry.of(i, commitment);

        ObjectNode leaf = (ObjectNode) InteractionJson.MAPPER.readTree(entry.leaf());
        assertThat(new String(entry.leaf(), StandardCharsets.UTF_8)).isEqualTo(reference(leaf));
        assertThat(InteractionEntry.parse(entry.leaf()).withPersonal(PersonalPart.of(i))).isEqualTo(i);

        PersonalPart part = PersonalPart.of(i);
        ObjectNode tree = (ObjectNode) InteractionJson.MAPPER.readTree(part.canonical());
        assertThat(new String(part.canonical(), StandardCharsets.UTF_8)).isEqualTo(reference(tree));
        assertThat(PersonalPart.fromCanonical(part.canonical())).isEqualTo(part);
    }

    private static String reference(ObjectNode n) throws Exception {
        return new JsonCanonicalizer(InteractionJson.MAPPER.writeValueAsString(n)).getEncodedString();
    }

    private static Interaction randomInteraction(Random r) {
        List<Identifier> ids = new ArrayList<>();
        for (int k = r.nextInt(4); k >= 0; k--) ids.add(new Identifier(r.nextBoolean() ? "email" : "cookie", text(r) + "@x.io"));
        List<PartyRole> parties = new ArrayList<>();
        if (r.nextBoolean()) parties.add(new PartyRole("actor", List.of(new Identifier("loyalty_card", "LC-" + r.nextInt(999)))));
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int k = r.nextInt(5); k > 0; k--) attrs.put(text(r), text(r));
        List<String> products = new ArrayList<>();
        for (int k = r.nextInt(3); k > 0; k--) products.add(text(r));
        return new Interaction(null, "src" + r.nextInt(9), text(r) + r.nextInt(), Instant.ofEpochMilli(r.nextLong(0, 4_000_000_000_000L)),
                "web", "type" + r.nextInt(5), ids, parties, r.nextBoolean() ? null : text(r), products,
                r.nextBoolean() ? null : text(r), r.nextBoolean() ? null : 1 + r.nextInt(5), attrs);
    }

    private static String text(Random r) {
        String alphabet = "abcXYZ09 \"\\/\n\t\u0001\u00e9\u20ac\ud83d\ude00";
        StringBuilder s = new StringBuilder();
        for (int k = 1 + r.nextInt(8); k > 0; k--) {
            int i = r.nextInt(alphabet.length());
            char c = alphabet.charAt(i);
            if (Character.isHighSurrogate(c)) s.append(c).append(alphabet.charAt(i + 1));
            else if (!Character.isLowSurrogate(c)) s.append(c);
        }
        return s.toString();
    }
}
