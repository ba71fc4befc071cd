package org.touchline.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.touchline.demo.SyntheticPeople;
import org.touchline.demo.SyntheticPerson;
import org.touchline.domain.Identifier;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Generated people as an export's identity columns, for the benchmark and tests: each of the demo module's seeded
 * {@link SyntheticPeople} (a quarter duplicated with typos, some sharing a household) becomes one customer with one
 * record carrying a name, a date of birth, a postcode and an address. Nothing else of an export is needed to resolve.
 */
final class SyntheticExport {
    static final StructType SCHEMA = new StructType()
            .add("entry", DataTypes.LongType, false)
            .add("customer", DataTypes.StringType, false)
            .add("role", DataTypes.StringType, false)
            .add("identifiers", DataTypes.createArrayType(LedgerExport.IDENTIFIER, false), true);

    private SyntheticExport() {}

    /** The identifiers a record of {@code p} carries. */
    static List<Identifier> identifiers(SyntheticPerson p) {
        List<Identifier> out = new ArrayList<>(4);
        String name = join(p.givenName(), p.surname());
        if (!name.isEmpty()) out.add(new Identifier("name", name));
        if (p.dateOfBirth() != null) out.add(new Identifier("date_of_birth", p.dateOfBirth()));
        if (p.postcode() != null) out.add(new Identifier("postcode", p.postcode()));
        String address = join(p.streetNumber(), p.address1(), p.address2(), p.suburb());
        if (!address.isEmpty()) out.add(new Identifier("address", address));
        return out;
    }

    /** Each of the first {@code count} people of {@code seed}: customer id (the record id) and identifiers. */
    static void forEach(long seed, int count, BiConsumer<String, List<Identifier>> out) {
        new SyntheticPeople(seed).stream(count).forEach(p -> out.accept(p.recId(), identifiers(p)));
    }

    /** Writes the people as Parquet in chunks, so the driver never holds them all. Returns how many identifiers. */
    static long write(SparkSession spark, long seed, int count, String path) {
        List<Row> chunk = new ArrayList<>();
        long[] identifiers = {0}, entry = {0};
        boolean[] first = {true};
        forEach(seed, count, (customer, ids) -> {
            Row[] idRows = ids.stream().map(i -> RowFactory.create(i.type(), i.value())).toArray(Row[]::new);
            identifiers[0] += idRows.length;
            chunk.add(RowFactory.create(entry[0]++, customer, "subject", idRows));
            if (chunk.size() == 250_000) {
                spark.createDataFrame(chunk, SCHEMA).write().mode(first[0] ? SaveMode.Overwrite : SaveMode.Append).parquet(path);
                first[0] = false;
                chunk.clear();
            }
        });
        if (!chunk.isEmpty() || first[0]) spark.createDataFrame(chunk, SCHEMA).write().mode(first[0] ? SaveMode.Overwrite : SaveMode.Append).parquet(path);
        return identifiers[0];
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) if (p != null && !p.isBlank()) b.append(b.length() == 0 ? "" : " ").append(p.trim());
        return b.toString();
    }
}
