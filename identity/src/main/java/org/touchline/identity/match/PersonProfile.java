package org.touchline.identity.match;

import org.touchline.domain.Identifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the online matcher knows about one person: full name, date of birth, postcode, address, and the person's
 * emails and phones, built from {@link Identifier}s of those types (others are ignored).
 * <p>
 * <b>How a profile is updated</b> ({@link #with}): name, date of birth, postcode and address hold the latest value
 * seen, because people move and correct their details, and the latest address is the one a new record most likely
 * carries; emails and phones accumulate, because a person holds several at once. Only the newest
 * {@value #MAX_CONTACTS} of each are kept (the default limit of {@code IdentifierRules} for both types), so a profile
 * stays small whatever the history.
 * <p>
 * <b>Given name and surname</b> are read from the full name for comparison and blocking: "Surname, Given" when the
 * name holds a comma, else the first word (after titles such as "Mr" or "Dr") is the given name and the last word the
 * surname; middle names are dropped. Hyphens and apostrophes join ("Smith-Jones", "O'Brien" are one word). A single
 * word is taken as the surname.
 * <p>
 * <b>Compact</b>: all values live in one UTF-8 byte array (about 60-100 bytes for a typical person) and are decoded
 * when read, so a million profiles cost a million small arrays, not ten million strings.
 * <p>
 * <b>Matchable</b>: a profile takes part in matching only with a name plus at least one of date of birth, postcode or
 * address ({@link #matchable()}); a name alone is too weak to link anybody and blocks on nothing.
 */
public final class PersonProfile {
    /** Emails and phones kept per profile, newest first kept. */
    public static final int MAX_CONTACTS = 5;
    /** The columns {@link #toMatchRecord} fills, which the model's comparisons and blocking rules may name. */
    public static final List<String> COLUMNS =
            List.of("name", "given_name", "surname", "date_of_birth", "postcode", "address", "email", "phone");
    public static final PersonProfile EMPTY = new PersonProfile(null, null, null, null, List.of(), List.of());

    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev");
    /** Separators inside the packed form: ASCII unit and record separators, removed from values on the way in. */
    private static final char FIELD = '\u001f', ITEM = '\u001e';
    private static final int NAME = 0, DATE_OF_BIRTH = 1, POSTCODE = 2, ADDRESS = 3, EMAILS = 4, PHONES = 5;

    private final byte[] packed;

    private PersonProfile(String name, String dateOfBirth, String postcode, String address, List<String> emails,
                          List<String> phones) {
        StringBuilder b = new StringBuilder(64);
        b.append(clean(name)).append(FIELD).append(clean(dateOfBirth)).append(FIELD).append(clean(postcode))
                .append(FIELD).append(clean(address)).append(FIELD);
        appendItems(b, emails);
        b.append(FIELD);
        appendItems(b, phones);
        this.packed = b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private PersonProfile(byte[] packed) { this.packed = packed; }

    /** The packed form, to keep a profile at rest (sealed by the node: it is personal data). */
    public byte[] packed() { return packed.clone(); }

    /** A profile back from {@link #packed()}. */
    public static PersonProfile fromPacked(byte[] packed) {
        String s = new String(packed, StandardCharsets.UTF_8);
        if (s.chars().filter(c -> c == FIELD).count() != PHONES) throw new IllegalArgumentException("not a packed person profile");
        return new PersonProfile(packed.clone());
    }

    /** A profile from its values; blank means missing. Emails and phones oldest first; only the newest few are kept. */
    public static PersonProfile of(String name, String dateOfBirth, String postcode, String address,
                                   List<String> emails, List<String> phones) {
        return new PersonProfile(name, dateOfBirth, postcode, address, newest(emails), newest(phones));
    }

    /** The profile of one record's identifiers. */
    public static PersonProfile of(Collection<Identifier> identifiers) {
        return EMPTY.with(identifiers);
    }

    /**
     * This profile updated with a record's identifiers (in record order): a name, date of birth, postcode or address
     * replaces the one held; emails and phones are added (a value already held moves to newest).
     */
    /**
     * Whether {@link #with} would give this same profile: the record brings no match field, or only values the profile
     * holds already in the same place (a repeat customer's usual email, the name on file). Cheap: most records are
     * repeats, and an unchanged profile is neither re-packed nor sealed again.
     */
    public boolean unchangedBy(Collection<Identifier> identifiers) {
        String[] f = null;
        List<String> emails = null, phones = null;
        for (Identifier id : identifiers) {
            String type = id.type();
            if (!type.equals("name") && !type.equals("date_of_birth") && !type.equals("postcode") && !type.equals("address")
                    && !type.equals("email") && !type.equals("phone")) continue;
            if (f == null) f = fields();
            String v = id.value();
            switch (type) {
                case "name" -> { if (!clean(v).equals(f[NAME])) return false; }
                case "date_of_birth" -> { if (!clean(v).equals(f[DATE_OF_BIRTH])) return false; }
                case "postcode" -> { if (!clean(v).equals(f[POSTCODE])) return false; }
                case "address" -> { if (!clean(v).equals(f[ADDRESS])) return false; }
                case "email" -> {
                    if (emails == null) emails = items(f[EMAILS]);
                    if (emails.isEmpty() || !emails.get(emails.size() - 1).equals(clean(v))) return false;
                }
                default -> {
                    if (phones == null) phones = items(f[PHONES]);
                    if (phones.isEmpty() || !phones.get(phones.size() - 1).equals(clean(v))) return false;
                }
            }
        }
        return true;
    }

    public PersonProfile with(Collection<Identifier> identifiers) {
        String[] f = fields();
        List<String> emails = new ArrayList<>(items(f[EMAILS])), phones = new ArrayList<>(items(f[PHONES]));
        for (Identifier id : identifiers) {
            switch (id.type()) {
                case "name" -> f[NAME] = id.value();
                case "date_of_birth" -> f[DATE_OF_BIRTH] = id.value();
                case "postcode" -> f[POSTCODE] = id.value();
                case "address" -> f[ADDRESS] = id.value();
                case "email" -> addNewest(emails, id.value());
                case "phone" -> addNewest(phones, id.value());
                default -> { } // not a match field: strong ids are the deterministic graph's business
            }
        }
        return of(blankToNull(f[NAME]), blankToNull(f[DATE_OF_BIRTH]), blankToNull(f[POSTCODE]),
                blankToNull(f[ADDRESS]), emails, phones);
    }

    /**
     * The profile of two customers merged into this one: this profile's values win, the other's fill what this one
     * lacks; emails and phones are the union (this profile's newest).
     */
    public PersonProfile mergedWith(PersonProfile absorbed) {
        String[] mine = fields(), theirs = absorbed.fields();
        String[] f = new String[4];
        for (int i = 0; i < 4; i++) f[i] = mine[i].isEmpty() ? theirs[i] : mine[i];
        List<String> emails = new ArrayList<>(items(theirs[EMAILS])), phones = new ArrayList<>(items(theirs[PHONES]));
        for (String e : items(mine[EMAILS])) addNewest(emails, e);
        for (String p : items(mine[PHONES])) addNewest(phones, p);
        return of(blankToNull(f[NAME]), blankToNull(f[DATE_OF_BIRTH]), blankToNull(f[POSTCODE]),
                blankToNull(f[ADDRESS]), emails, phones);
    }

    public String name() { return blankToNull(fields()[NAME]); }

    public String dateOfBirth() { return blankToNull(fields()[DATE_OF_BIRTH]); }

    public String postcode() { return blankToNull(fields()[POSTCODE]); }

    public String address() { return blankToNull(fields()[ADDRESS]); }

    /** Oldest first. */
    public List<String> emails() { return items(fields()[EMAILS]); }

    /** Oldest first. */
    public List<String> phones() { return items(fields()[PHONES]); }

    /** The given name read from the full name (lower case, folded), or null. */
    public String givenName() { return NameParts.of(name()).given(); }

    /** The surname read from the full name (lower case, folded), or null. */
    public String surname() { return NameParts.of(name()).surname(); }

    /** A name plus at least one of date of birth, postcode or address: the least the matcher will link on. */
    public boolean matchable() {
        String[] f = fields();
        return NameParts.of(blankToNull(f[NAME])).surname() != null
                && !(f[DATE_OF_BIRTH].isEmpty() && f[POSTCODE].isEmpty() && f[ADDRESS].isEmpty());
    }

    /**
     * The profile as a record for the batch machinery (blocking, random pairs): the columns of {@link #COLUMNS};
     * {@code email} and {@code phone} hold the newest value only (the online matcher compares all of them).
     */
    public MatchRecord toMatchRecord(String id) {
        Values v = values();
        Map<String, String> m = new HashMap<>();
        put(m, "name", v.name());
        put(m, "given_name", v.given());
        put(m, "surname", v.surname());
        put(m, "date_of_birth", v.dateOfBirth());
        put(m, "postcode", v.postcode());
        put(m, "address", v.address());
        if (!v.emails().isEmpty()) m.put("email", v.emails().get(v.emails().size() - 1));
        if (!v.phones().isEmpty()) m.put("phone", v.phones().get(v.phones().size() - 1));
        return new MatchRecord(id, 0, m);
    }

    /** All values decoded at once, for scoring many pairs. */
    Values values() {
        String[] f = fields();
        NameParts parts = NameParts.of(blankToNull(f[NAME]));
        return new Values(blankToNull(f[NAME]), parts.given(), parts.surname(), blankToNull(f[DATE_OF_BIRTH]),
                blankToNull(f[POSTCODE]), blankToNull(f[ADDRESS]), items(f[EMAILS]), items(f[PHONES]));
    }

    /** The decoded values of a profile; given and surname come from the name. */
    record Values(String name, String given, String surname, String dateOfBirth, String postcode, String address,
                  List<String> emails, List<String> phones) {
        /** The values of a column of {@link #COLUMNS}: none, one, or (email, phone) several. */
        List<String> of(String column) {
            return switch (column) {
                case "name" -> one(name);
                case "given_name" -> one(given);
                case "surname" -> one(surname);
                case "date_of_birth" -> one(dateOfBirth);
                case "postcode" -> one(postcode);
                case "address" -> one(address);
                case "email" -> emails;
                case "phone" -> phones;
                default -> throw new IllegalArgumentException("a person profile has no column '" + column + "'");
            };
        }

        private static List<String> one(String v) { return v == null ? List.of() : List.of(v); }
    }

    /** Given name and surname of a full name, folded as the name comparison folds them. */
    record NameParts(String given, String surname) {
        private static final NameParts NONE = new NameParts(null, null);

        static NameParts of(String name) {
            if (name == null) return NONE;
            int comma = name.indexOf(',');
            if (comma >= 0) {
                List<String> surnameWords = words(name.substring(0, comma)), givenWords = words(name.substring(comma + 1));
                String surname = surnameWords.isEmpty() ? null : String.join("", surnameWords);
                String given = givenWords.isEmpty() ? null : givenWords.get(0);
                return surname == null ? new NameParts(null, given) : new NameParts(given, surname);
            }
            List<String> w = words(name);
            if (w.isEmpty()) return NONE;
            if (w.size() == 1) return new NameParts(null, w.get(0));
            return new NameParts(w.get(0), w.get(w.size() - 1));
        }

        /** Words of a name without titles; hyphens and apostrophes join their parts. */
        private static List<String> words(String s) {
            String t = Normalise.text(s.replace("-", "").replace("'", "").replace("\u2019", ""));
            if (t == null) return List.of();
            List<String> out = new ArrayList<>(Arrays.asList(t.split(" ")));
            while (out.size() > 1 && TITLES.contains(out.get(0))) out.remove(0);
            return out;
        }
    }

    private String[] fields() {
        String s = new String(packed, StandardCharsets.UTF_8);
        String[] f = new String[6];
        int from = 0;
        for (int i = 0; i < 5; i++) {
            int to = s.indexOf(FIELD, from);
            f[i] = s.substring(from, to);
            from = to + 1;
        }
        f[5] = s.substring(from);
        return f;
    }

    private static List<String> items(String field) {
        if (field.isEmpty()) return List.of();
        return List.of(field.split(String.valueOf(ITEM)));
    }

    private static void appendItems(StringBuilder b, List<String> items) {
        boolean first = true;
        for (String item : items) {
            String c = clean(item);
            if (c.isEmpty()) continue;
            if (!first) b.append(ITEM);
            b.append(c);
            first = false;
        }
    }

    /** Keeps the newest {@link #MAX_CONTACTS} distinct values, oldest first. */
    private static List<String> newest(List<String> values) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String v : values) {
            String c = clean(v);
            if (c.isEmpty()) continue;
            distinct.remove(c); // a repeat counts as newest
            distinct.add(c);
        }
        List<String> all = new ArrayList<>(distinct);
        return all.subList(Math.max(0, all.size() - MAX_CONTACTS), all.size());
    }

    private static void addNewest(List<String> list, String value) {
        list.remove(value);
        list.add(value);
    }

    private static String clean(String v) {
        if (v == null) return "";
        return v.replace(FIELD, ' ').replace(ITEM, ' ').strip();
    }

    private static String blankToNull(String v) { return v == null || v.isEmpty() ? null : v; }

    private static void put(Map<String, String> m, String column, String value) {
        if (value != null) m.put(column, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonProfile p && Arrays.equals(packed, p.packed);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(packed); }

    @Override
    public String toString() {
        Values v = values();
        return "PersonProfile[name=" + v.name() + ", dob=" + v.dateOfBirth() + ", postcode=" + v.postcode()
                + ", address=" + v.address() + ", emails=" + v.emails() + ", phones=" + v.phones() + "]";
    }
}
