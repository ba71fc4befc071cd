package org.touchline.spark;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.touchline.domain.Identifier;
import org.touchline.identity.match.PersonProfile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

/**
 * One match profile per customer from an export: the customer's records' identifiers folded in ledger order by
 * {@link PersonProfile#with}, the update the online matcher applies to each record it attributes (latest name, date
 * of birth, postcode and address; emails and phones accumulate). Rows: {@code customer}, {@code profile} (packed).
 */
final class CustomerProfiles {
    static final StructType SCHEMA = new StructType()
            .add("customer", DataTypes.StringType, false)
            .add("profile", DataTypes.BinaryType, false);

    private CustomerProfiles() {}

    static Dataset<Row> of(Dataset<Row> export) {
        if (!Arrays.asList(export.columns()).contains("identifiers"))
            throw new IllegalArgumentException("the export has no 'identifiers' column: export with --personal to resolve identities");
        return export.where(col("role").equalTo("subject").and(col("identifiers").isNotNull()))
                .groupBy("customer")
                .agg(sort_array(collect_list(struct(col("entry"), col("identifiers")))).as("records"))
                .map((MapFunction<Row, Row>) CustomerProfiles::fold, Encoders.row(SCHEMA));
    }

    private static Row fold(Row r) {
        PersonProfile p = PersonProfile.EMPTY;
        for (Row record : r.<Row>getList(1)) {
            List<Identifier> ids = new ArrayList<>();
            for (Row id : record.<Row>getList(1)) ids.add(new Identifier(id.getString(0), id.getString(1)));
            p = p.with(ids);
        }
        return RowFactory.create(r.getString(0), p.packed());
    }
}
