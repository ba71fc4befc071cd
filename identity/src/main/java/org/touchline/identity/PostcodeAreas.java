package org.touchline.identity;

import org.touchline.identity.match.PersonProfile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The postcode areas a customer's match profile is in, as an external event names them ("LS6, M1" or "LS"): the
 * outward code of the profile's postcode and its letters (UK postcode format: outward code, space, inward code of
 * three characters). The projections keep each customer's areas keyed by the node's secret ({@code postcode_areas},
 * written when the profile changes), so an outage finds its customers through an index instead of opening every
 * profile, and a copy of the projections does not say who lives where.
 */
public final class PostcodeAreas {
    private final IdentifierKeys keys;

    public PostcodeAreas(IdentifierKeys keys) { this.keys = keys; }

    /** The keys of the areas a profile is in, sorted; none without a postcode. */
    public List<String> keysOf(PersonProfile profile) {
        Set<String> out = new TreeSet<>();
        for (String area : areasOf(profile.postcode())) out.add(keys.areaKeyOf(area));
        return new ArrayList<>(out);
    }

    /** The keys of the areas an event lists, as written there (spaces around them and case do not matter). */
    public List<String> keysOfNamed(Collection<String> areas) {
        Set<String> out = new TreeSet<>();
        for (String a : areas) out.add(keys.areaKeyOf(a.trim().toUpperCase(Locale.ROOT)));
        return new ArrayList<>(out);
    }

    /** The outward code and its leading letters, upper case ("LS6 4AB": LS6 and LS); none for no postcode. */
    static List<String> areasOf(String postcode) {
        if (postcode == null) return List.of();
        String outward = postcode.contains(" ") ? postcode.substring(0, postcode.indexOf(' '))
                : postcode.length() > 3 ? postcode.substring(0, postcode.length() - 3) : postcode;
        int letters = 0;
        while (letters < outward.length() && Character.isLetter(outward.charAt(letters))) letters++;
        return List.of(outward.toUpperCase(Locale.ROOT), outward.substring(0, letters).toUpperCase(Locale.ROOT));
    }
}
