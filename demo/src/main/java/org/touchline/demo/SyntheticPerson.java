package org.touchline.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated person record in the FEBRL layout. {@code originalId} is null for an original and names the original
 * for a duplicate: that is the truth a matcher is scored against. A missing value is null.
 */
public record SyntheticPerson(String recId, String originalId, String givenName, String surname, String streetNumber,
                              String address1, String address2, String suburb, String postcode, String state,
                              String dateOfBirth, String socSecId) {

    /** The columns, in file order, as FEBRL names them. */
    public static final List<String> COLUMNS = List.of("rec_id", "given_name", "surname", "street_number", "address_1",
            "address_2", "suburb", "postcode", "state", "date_of_birth", "soc_sec_id");

    public boolean isDuplicate() { return originalId != null; }

    /** The values in {@link #COLUMNS} order, null where missing. */
    public List<String> values() {
        List<String> out = new ArrayList<>(COLUMNS.size());
        out.add(recId);
        out.add(givenName);
        out.add(surname);
        out.add(streetNumber);
        out.add(address1);
        out.add(address2);
        out.add(suburb);
        out.add(postcode);
        out.add(state);
        out.add(dateOfBirth);
        out.add(socSecId);
        return out;
    }

    /** The present values by column name, in column order. */
    public Map<String, String> columns() {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> v = values();
        for (int i = 0; i < COLUMNS.size(); i++) if (v.get(i) != null) out.put(COLUMNS.get(i), v.get(i));
        return out;
    }

    SyntheticPerson with(String column, String value) {
        List<String> v = values();
        v.set(COLUMNS.indexOf(column), value);
        return of(v.get(0), originalId, v);
    }

    SyntheticPerson asDuplicate(String id, String original) {
        return of(id, original, values());
    }

    private static SyntheticPerson of(String id, String original, List<String> v) {
        return new SyntheticPerson(id, original, v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7),
                v.get(8), v.get(9), v.get(10));
    }
}
