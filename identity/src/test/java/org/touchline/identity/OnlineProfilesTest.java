package org.touchline.identity;

import org.junit.jupiter.api.Test;
import org.touchline.domain.Identifier;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.identity.match.OnlineMatcher;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The graph's view of the online matcher: what it links, what it sends to review, what it keeps sealed. */
class OnlineProfilesTest {
    private static final PostcodeAreas AREAS = new PostcodeAreas(new IdentifierKeys(new byte[32]));
    /** A reversible stand-in for the vault: the test is about what is kept, not how it is sealed. */
    private static final OnlineProfiles.Seal XOR = new OnlineProfiles.Seal() {
        @Override public byte[] seal(String customerId, byte[] plain) { return flip(plain); }

        @Override public byte[] open(String customerId, byte[] sealed) { return flip(sealed); }

        private byte[] flip(byte[] b) {
            byte[] out = b.clone();
            for (int i = 0; i < out.length; i++) out[i] ^= 0x5a;
            return out;
        }
    };

    private static List<Identifier> person(String name, String dob, String postcode, String address) {
        return List.of(new Identifier("name", name), new Identifier("date_of_birth", dob), new Identifier("postcode", postcode),
                new Identifier("address", address));
    }

    @Test
    void theSamePersonWithATypoLinksWithEachComparisonsContribution() {
        OnlineProfiles profiles = new OnlineProfiles(new OnlineMatcher(), XOR, AREAS);
        profiles.observe("cu_ann", person("Ann Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds"), new ProjectionChanges());
        var m = profiles.match(person("Anne Smith", "1980-02-03", "LS1 4AB", "12 High St, Leeds"), c -> true).orElseThrow();
        assertThat(m.link()).isTrue();
        assertThat(m.customerId()).isEqualTo("cu_ann");
        assertThat(m.score().contributions()).extracting(c -> c.field() + "=" + c.level())
                .contains("surname=exact", "date_of_birth=exact", "postcode=exact");
    }

    @Test
    void aHouseholdMemberIsNotACandidateThoughTheSharedAddressScoresHigh() {
        OnlineProfiles profiles = new OnlineProfiles(new OnlineMatcher(), XOR, AREAS);
        profiles.observe("cu_ann", person("Ann Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds"), new ProjectionChanges());
        // Her twin: same surname, birthday, address. Judged without the shared address, well below review.
        assertThat(profiles.match(person("Tom Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds"), c -> true)).isEmpty();
    }

    @Test
    void aNameThatDisagreesIsNeverLinkedEvenWhenTheRestWouldLinkIt() {
        OnlineProfiles profiles = new OnlineProfiles(new OnlineMatcher(), XOR, AREAS);
        profiles.observe("cu_ann", List.of(new Identifier("name", "Ann Smith"), new Identifier("date_of_birth", "1980-02-03"),
                new Identifier("email", "ann@example.com"), new Identifier("postcode", "LS1 4AB")), new ProjectionChanges());
        // Married and renamed, same email, birthday and postcode: strong without the place, but a name disagrees.
        var m = profiles.match(List.of(new Identifier("name", "Ann Jones"), new Identifier("date_of_birth", "1980-02-03"),
                new Identifier("email", "ann@example.com"), new Identifier("postcode", "LS1 4AB")), c -> true).orElseThrow();
        assertThat(m.link()).isFalse();
        assertThat(m.rule()).contains("a name disagrees");
    }

    @Test
    void aProfileKeptInTheProjectionsMatchesAfterARestore() {
        OnlineProfiles before = new OnlineProfiles(new OnlineMatcher(), XOR, AREAS);
        ProjectionChanges changes = new ProjectionChanges();
        before.observe("cu_ann", person("Ann Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds"), changes);
        assertThat(changes.profiles).containsKey("cu_ann");
        assertThat(new String(changes.profiles.get("cu_ann"))).doesNotContain("Smith");

        OnlineProfiles after = new OnlineProfiles(new OnlineMatcher(), XOR, AREAS);
        changes.profiles.forEach(after::restore);
        assertThat(after.match(person("Ann Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds"), c -> true))
                .hasValueSatisfying(m -> assertThat(m.customerId()).isEqualTo("cu_ann"));
        assertThat(after.match(person("Ann Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds"), c -> false)).isEmpty();
    }

    @Test
    void aRecordWithoutANameAndOneOtherDetailIsNotMatched() {
        OnlineProfiles profiles = new OnlineProfiles(new OnlineMatcher(), XOR, AREAS);
        profiles.observe("cu_ann", person("Ann Smith", "1980-02-03", "LS1 4AB", "12 High Street, Leeds"), new ProjectionChanges());
        assertThat(profiles.match(List.of(new Identifier("postcode", "LS1 4AB"), new Identifier("date_of_birth", "1980-02-03")), c -> true)).isEmpty();
        assertThat(profiles.match(List.of(new Identifier("name", "Ann Smith")), c -> true)).isEmpty();
    }
}
