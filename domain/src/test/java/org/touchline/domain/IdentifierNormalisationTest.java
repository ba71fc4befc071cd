package org.touchline.domain;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay reads normalised values back and normalises them again: that must change nothing. */
class IdentifierNormalisationTest {
    private static final String[] TYPES = {"phone", "email", "account", "postcode", "social_handle", "name", "loyalty_card"};
    private static final String ALPHABET = "0000000123456789+ -()@.abcXYZ";

    @RepeatedTest(20)
    void normalisingANormalisedValueChangesNothing(RepetitionInfo rep) {
        Random random = new Random(77_000 + rep.getCurrentRepetition());
        for (int n = 0; n < 2_000; n++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            StringBuilder raw = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int k = 0; k < length; k++) raw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            Identifier once;
            try {
                once = new Identifier(type, raw.toString());
            } catch (IllegalArgumentException blank) {
                continue;
            }
            assertThat(new Identifier(type, once.value())).as("%s %s", type, raw).isEqualTo(once);
        }
    }

    @Test
    void aPhoneWithoutAValidCountryCodeKeepsOneStableForm() {
        Identifier junk = new Identifier("phone", "00000000000");
        assertThat(junk.value()).isEqualTo("00000000000");
        assertThat(new Identifier("phone", "+0123").value()).isEqualTo("000123");
        assertThat(new Identifier("phone", "0044 20 7946 0958").value()).isEqualTo("442079460958");
    }
}
