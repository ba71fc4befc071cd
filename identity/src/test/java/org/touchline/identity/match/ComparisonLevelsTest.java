package org.touchline.identity.match;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonLevelsTest {
    private static String label(Comparison c, String a, String b) { return c.levels().get(c.level(a, b)); }

    @Test
    void names() {
        Comparison c = new NameComparison("surname");
        assertThat(label(c, "Smith", " smith ")).isEqualTo("exact");
        assertThat(label(c, "martha", "marhta")).isEqualTo("jaro-winkler>=0.92");
        assertThat(label(c, "catherine", "kathryn")).isEqualTo("phonetic");
        assertThat(label(c, "dixon", "dickson")).isIn("phonetic", "jaro-winkler>=0.80");
        assertThat(label(c, "waller", "berry")).isEqualTo("else");
        assertThat(c.level(null, "x")).isEqualTo(Comparison.NULL);
        assertThat(c.level("", "x")).isEqualTo(Comparison.NULL);
    }

    @Test
    void dates() {
        Comparison c = new DateComparison("dob");
        assertThat(label(c, "19600210", "1960-02-10")).isEqualTo("exact");
        assertThat(label(c, "19600210", "19601002")).isEqualTo("day-month-swapped");
        assertThat(label(c, "19600210", "19600219")).isEqualTo("one-typo");
        assertThat(label(c, "19600210", "19062010")).isEqualTo("else");
        assertThat(label(c, "19600210", "19610210")).isEqualTo("one-typo"); // one digit changed
        assertThat(label(c, "19990210", "20000210")).isEqualTo("year-off-by-one");
        assertThat(label(c, "19600210", "19600201")).isEqualTo("one-typo"); // adjacent digits swapped
        assertThat(label(c, "19600210", "18750101")).isEqualTo("else");
    }

    @Test
    void postcodesPhonesEmails() {
        Comparison p = new PostcodeComparison("postcode");
        assertThat(label(p, "sw1a 1aa", "SW1A1AA")).isEqualTo("exact");
        assertThat(label(p, "4011", "4012")).isEqualTo("one-typo");
        assertThat(label(p, "SW1A 1AA", "SW1A 2BB")).isEqualTo("same-prefix");
        assertThat(label(p, "4011", "2776")).isEqualTo("else");

        Comparison t = new PhoneComparison("phone");
        assertThat(label(t, "+44 20 7946 0958", "00442079460958")).isEqualTo("last-7-equal");
        assertThat(label(t, "020 7946 0958", "(020) 7946-0958")).isEqualTo("exact");
        assertThat(label(t, "0207946095", "0207946096")).isEqualTo("one-typo");
        assertThat(label(t, "0207946095", "0161123456")).isEqualTo("else");

        Comparison e = new EmailComparison("email");
        assertThat(label(e, "Ann@Example.com", "ann@example.com")).isEqualTo("exact");
        assertThat(label(e, "ann@gmail.com", "ann@gmial.com")).isEqualTo("domain-typo");
        assertThat(label(e, "ann@gmail.com", "ann@work.example.org")).isEqualTo("local-part-equal");
        assertThat(label(e, "ann@gmail.com", "bob@gmail.com")).isEqualTo("else");
    }

    @Test
    void textNumbersCodes() {
        Comparison t = new TextComparison("title");
        assertThat(label(t, "The WASA2 Object-Oriented Workflow", "the wasa2 object oriented workflow")).isEqualTo("exact");
        assertThat(label(t, "tullaroop street", "tullarop street")).isEqualTo("very-similar");
        assertThat(label(t, "query optimization in distributed databases", "distributed databases query optimization"))
                .isEqualTo("very-similar");
        assertThat(label(t, "distributed query processing", "query processing for streams")).isEqualTo("weakly-similar");
        assertThat(label(t, "goldfinch circuit", "salkauskas crescent")).isEqualTo("else");

        Comparison n = new NumberComparison("year");
        assertThat(label(n, "1999", "1999.0")).isEqualTo("exact");
        assertThat(label(n, "1999", "2000")).isEqualTo("off-by-one");
        assertThat(label(n, "1999", "2003")).isEqualTo("else");

        Comparison c = new CodeComparison("ssn");
        assertThat(label(c, "6988048", "6988048")).isEqualTo("exact");
        assertThat(label(c, "6988048", "6988084")).isEqualTo("one-typo");
        assertThat(label(c, "6988048", "6918041")).isEqualTo("two-edits");
        assertThat(label(c, "6988048", "1234567")).isEqualTo("else");
    }

    @Test
    void fieldKindsMakeTheirComparison() {
        assertThat(FieldKind.parse("postcode").comparison("pc")).isEqualTo(new PostcodeComparison("pc"));
        assertThat(FieldKind.parse(" Name ").comparison("n")).isInstanceOf(NameComparison.class);
    }
}
