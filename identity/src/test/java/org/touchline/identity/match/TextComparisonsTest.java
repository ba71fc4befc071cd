package org.touchline.identity.match;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparisons for text-heavy records: products, organisations, amounts. */
class TextComparisonsTest {
    private static String label(Comparison c, String a, String b) { return c.levels().get(c.level(a, b)); }

    /** The comparison fitted to a small catalogue, as a run fits it to the column it compares. */
    private static Comparison fittedTo(CorpusComparison c, String... catalogue) {
        List<String> values = new ArrayList<>();
        for (String v : catalogue) values.add(c.normalise(v));
        return c.fitted(values);
    }

    private static final String[] CATALOGUE = {
            "Sony Turntable - PSLX350H", "Sony PS-LX350H Belt-Drive Turntable", "Sony Switcher - SBV40S",
            "Sony 5 Disc CD Player - CDPCE375", "Sony Bravia 40' LCD TV - KDL40V", "Sony Cyber-shot Camera - DSCW120",
            "Sony Cyber-shot Camera - DSCW150", "Netgear ProSafe 16 Port 10/100 Switch - JFS516NA",
            "Netgear ProSafe JFS516 Ethernet Switch", "Linksys EtherFast 8-Port 10/100 Switch - EZXS88W"};

    @Test
    void codesAreFoundWithTheirPunctuationDropped() {
        assertThat(TextFeatures.of("Sony PS-LX350H Belt-Drive Turntable").codes()).containsExactly("pslx350h");
        assertThat(TextFeatures.of("Sony Turntable - PSLX350H").codes()).containsExactly("pslx350h");
        assertThat(TextFeatures.of("Belkin VGA Cable - F3H982-10").codes()).containsExactly("f3h98210");
        assertThat(TextFeatures.of("LaCie Pocket Floppy Drive - 706018").codes()).containsExactly("706018");
        assertThat(TextFeatures.of("Apple MacBook Pro Notebook - MB471LL/A").codes()).containsExactly("mb471lla");
        assertThat(TextFeatures.of("Sony Switcher - SBV40S/ Compact Design").codes()).containsExactly("sbv40s");
    }

    @Test
    void quantitiesYearsAndPlainWordsAreNotCodes() {
        assertThat(TextFeatures.of("Seagate 500GB 7200 RPM drive, 2.4GHz, 10ft, 1080p, 375-Watt, 16x, 2008 model").codes())
                .isEmpty();
    }

    @Test
    void rareWordsWeighMoreThanCommonOnes() {
        Comparison c = fittedTo(new WeightedTextComparison("name"), CATALOGUE);
        // The turntable pair shares its rarest terms (the model number, "turntable"); two Sony cameras share
        // "sony cyber shot camera" but not their model numbers.
        int turntable = c.level("Sony Turntable - PSLX350H", "Sony PS-LX350H Belt-Drive Turntable");
        int cameras = c.level("Sony Cyber-shot Camera - DSCW120", "Sony Bravia 40' LCD TV - KDL40V");
        assertThat(turntable).isLessThan(cameras);
        assertThat(label(c, "Sony Turntable - PSLX350H", "sony turntable - pslx350h")).isEqualTo("exact");
    }

    @Test
    void weightedTextFittedToACorpusScoresUnlikeTheUnweighted() {
        WeightedTextComparison plain = new WeightedTextComparison("name");
        Comparison fitted = fittedTo(plain, CATALOGUE);
        String a = "Sony Switcher - SBV40S", b = "Sony Cyber-shot Camera - DSCW150";
        // Unweighted, "sony" is a quarter of each name; weighted by the catalogue, where every second name is a Sony,
        // it is worth much less.
        assertThat(fitted.level(a, b)).isGreaterThanOrEqualTo(plain.level(a, b));
    }

    @Test
    void modelNumbersCompareExactlyAfterNormalisation() {
        Comparison c = fittedTo(new ModelNumberComparison("name"), CATALOGUE);
        assertThat(label(c, "Sony Turntable - PSLX350H", "Sony PS-LX350H Belt-Drive Turntable")).isEqualTo("same-code");
        assertThat(label(c, "Canon Print Kit - KP36IP", "Canon KP 36IP Print Cartridge")).isEqualTo("code-in-text");
        assertThat(label(c, "Netgear ProSafe JFS516 Ethernet Switch", "Netgear Switch - JFS516NA")).isEqualTo("code-in-text");
        assertThat(label(c, "LG Electric Range - LRE30757BK", "LG Electric Range - LRE30757SS")).isEqualTo("code-variant");
        assertThat(label(c, "Sony Cyber-shot Camera - DSCW120", "Sony Cyber-shot Camera - DSCW150")).isEqualTo("else");
        assertThat(label(c, "Sony Cyber-shot Camera - DSCW120", "Sony Cyber-shot Camera")).isEqualTo("one-side-only");
        assertThat(label(c, "Sony Camera", "Sony Cyber-shot Camera")).isEqualTo("no-codes");
    }

    @Test
    void aCodeInManyValuesIsAPropertyNotAModel() {
        String[] switches = new String[40];
        for (int i = 0; i < switches.length; i++) switches[i] = "Switch " + i + "-Port 10/100Base-TX model SW" + (1000 + i);
        Comparison c = fittedTo(new ModelNumberComparison("name"), switches);
        // "100basetx" is in every value: two switches sharing it share no model number.
        assertThat(label(c, switches[0], switches[1])).isEqualTo("else");
        assertThat(label(c, switches[0], "Switch SW1000 10/100Base-TX")).isEqualTo("same-code");
    }

    @Test
    void rarestWordsShared() {
        Comparison c = fittedTo(new RareWordsComparison("name"), CATALOGUE);
        // The second name's rarest words ("ps", "belt") are its own, so only the first's rarest is shared.
        assertThat(label(c, "Sony Turntable - PSLX350H", "Sony PS-LX350H Belt-Drive Turntable")).isEqualTo("rarest-one");
        assertThat(label(c, "Sony Switcher - SBV40S", "SBV40S Sony Switcher")).isEqualTo("rarest-both");
        assertThat(label(c, "Sony Cyber-shot Camera - DSCW120", "Sony Bravia 40' LCD TV - KDL40V")).isEqualTo("else");
    }

    @Test
    void amountsCompareByRatio() {
        Comparison c = new AmountComparison("price");
        assertThat(label(c, "$1,299.00", "1299")).isEqualTo("exact");
        assertThat(label(c, "$100.00", "$97.50")).isEqualTo("within-5%");
        assertThat(label(c, "$100.00", "$88.00")).isEqualTo("within-15%");
        assertThat(label(c, "$100.00", "$70.00")).isEqualTo("within-35%");
        assertThat(label(c, "$100.00", "$40.00")).isEqualTo("else");
        assertThat(label(c, "EUR 12", "12 kg")).isEqualTo("exact");
        assertThat(c.level("", "12")).isEqualTo(Comparison.NULL);
    }

    @Test
    void organisationNamesWithoutLegalFormsAndAbbreviations() {
        Comparison c = new OrganisationComparison("company");
        assertThat(label(c, "ACME Corp. Ltd", "Acme Corporation")).isEqualTo("exact");
        assertThat(label(c, "The Smith & Sons Company", "Smith and Sons")).isEqualTo("exact");
        assertThat(label(c, "Intl. Business Machines Corp", "International Business Machines")).isEqualTo("exact");
        assertThat(label(c, "IBM", "International Business Machines Corporation")).isEqualTo("initials");
        assertThat(label(c, "I.B.M. Inc", "International Business Machines")).isEqualTo("initials");
        assertThat(label(c, "Siemens AG", "Siemens Healthineers AG")).isIn("similar", "very-similar");
        assertThat(label(c, "Acme Holdings", "Globex Holdings")).isEqualTo("weakly-similar");
        assertThat(label(c, "Acme", "Globex")).isEqualTo("else");
        assertThat(c.level("Ltd", "Acme")).isEqualTo(Comparison.NULL);
    }

    @Test
    void newKindsAreWrittenWithHyphens() {
        assertThat(FieldKind.parse("model-number").comparison("name")).isInstanceOf(ModelNumberComparison.class);
        assertThat(FieldKind.parse("weighted-text").written()).isEqualTo("weighted-text");
        assertThat(Arrays.stream(FieldKind.values()).map(FieldKind::written)).contains("organisation", "amount", "rare-words");
    }

    @Test
    void anUnknownKindIsAnErrorListingTheKinds() {
        Assertions.assertThatThrownBy(() -> FieldKind.parse("product"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown field kind 'product'")
                .hasMessageContaining("model-number");
    }
}
