package org.touchline.identity.match;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchline.domain.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/identity/organisations.yaml on two seeded account lists that write the same firms differently: legal
 * forms added or dropped, "&" for "and", abbreviations, "Street" as "St", phone numbers formatted apart, a registration
 * number in one source only. Firms in one sector and town share words, so a name's rare words decide.
 */
class OrganisationsConfigTest {
    private static final String[] FORMS = {"Ltd", "Limited", "Inc", "Corp.", "Corporation", "LLC", "", "Co"};
    private static final String[] SECTORS = {"Logistics", "Bakery", "Engineering", "Consulting", "Holdings", "Motors",
            "Dental Care", "Insurance Services", "International Trading"};
    private static final String[] TOWNS = {"Leeds", "York", "Bristol", "Cardiff", "Derby"};
    private static final String[] STREETS = {"High", "Station", "Church", "Mill", "Park", "Victoria"};

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 1969})
    void linksTheSameFirmWrittenTwoWays(long seed) throws Exception {
        Random random = new Random(seed);
        List<MatchRecord> records = new ArrayList<>();
        List<TruthPairs.IdPair> truth = new ArrayList<>();
        int firms = 300;
        List<MatchRecord> second = new ArrayList<>();
        for (int i = 0; i < firms; i++) {
            String core = word(random) + (random.nextInt(3) == 0 ? " & " + word(random) : "");
            String sector = SECTORS[random.nextInt(SECTORS.length)];
            String town = TOWNS[random.nextInt(TOWNS.length)];
            int number = 1 + random.nextInt(200);
            String street = STREETS[random.nextInt(STREETS.length)];
            String postcode = "LS" + (1 + random.nextInt(20)) + " " + random.nextInt(10) + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            String phone = "0113" + (1000000 + random.nextInt(9000000));
            String name = core + " " + sector + " " + FORMS[random.nextInt(FORMS.length)];
            records.add(new MatchRecord("c" + i, 0, Map.of("name", name.strip(), "address", number + " " + street + " Street",
                    "city", town, "postcode", postcode, "phone", phone, "registration", "GB" + (10000000 + i))));
            String otherName = (core.replace("&", "and") + " " + sector.replace("International", "Intl").replace("Services", "Svcs")
                    + " " + FORMS[random.nextInt(FORMS.length)]).toUpperCase(Locale.ROOT).strip();
            Map<String, String> b = new HashMap<>(Map.of("name", otherName, "address", number + " " + street + " St.",
                    "city", town, "postcode", postcode.replace(" ", ""),
                    "phone", "+44 113 " + phone.substring(4, 7) + " " + phone.substring(7)));
            if (random.nextInt(4) == 0) b.remove("phone"); // the billing system lacks some numbers
            second.add(new MatchRecord("b" + i, 1, b));
            truth.add(new TruthPairs.IdPair("c" + i, "b" + i));
        }
        records.addAll(second);
        Path dir = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "examples", "identity");
        if (!Files.isDirectory(dir)) dir = Path.of("..", "examples", "identity");
        MatchRun run = ProbabilisticMatcher.of(MatchConfig.read(dir.resolve("organisations.yaml"))).run(records, true, Progress.NONE);
        Evaluation e = Evaluation.of(run, truth);
        assertThat(e.f1()).isGreaterThanOrEqualTo(0.95);
    }

    private static String word(Random random) {
        String[] s = {"ak", "mer", "ton", "bri", "dale", "wick", "ash", "corn", "ford", "lee", "hol", "bury"};
        String w = s[random.nextInt(s.length)] + s[random.nextInt(s.length)];
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
