package org.touchline.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.touchline.domain.EntryKind;
import org.touchline.domain.Identifier;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.Progress;
import org.touchline.identity.IdentityGraph;
import org.touchline.node.Node;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code touchline spark export}: the ledger's interactions as Parquet, one row per interaction and customer whose
 * timeline it is on (as the projections attribute it: {@code subject}, or {@code affected} for an external event that
 * reached them), partitioned by month of {@code occurred_at}. The same rows the journey analytics snapshot reads
 * (node {@code Analytics}), so Spark and the node answer from the same facts.
 * <p>
 * Non-personal columns always ({@link #COLUMNS}): what a leaf holds in the clear, the customer id and whether the
 * customer allows analytics (docs/architecture.md, principle 7). With {@code personal}, also {@code identifiers}: the subject's
 * name, date of birth, postcode, address, emails and phones, the fields the matcher compares, opened from the vault;
 * nothing for erased entries. Other identifiers (accounts, loyalty numbers) and free text are never exported.
 */
final class LedgerExport {
    /** The non-personal columns, in order. */
    static final List<String> COLUMNS = List.of("entry", "occurred_at", "channel", "type", "source", "source_record_id",
            "agent_id", "products", "customer", "role", "analytics", "month");
    /** The identifier types the match model reads ({@code PersonProfile}). */
    static final Set<String> MATCH_TYPES = Set.of("name", "date_of_birth", "postcode", "address", "email", "phone");
    static final StructType IDENTIFIER = new StructType(new StructField[]{
            DataTypes.createStructField("type", DataTypes.StringType, false),
            DataTypes.createStructField("value", DataTypes.StringType, false)});
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);
    private static final int CHUNK = 100_000;

    record Result(long rows, long interactions, long customers, boolean personal) {}

    static StructType schema(boolean personal) {
        List<StructField> f = new ArrayList<>(List.of(
                DataTypes.createStructField("entry", DataTypes.LongType, false),
                DataTypes.createStructField("occurred_at", DataTypes.TimestampType, false),
                DataTypes.createStructField("channel", DataTypes.StringType, false),
                DataTypes.createStructField("type", DataTypes.StringType, false),
                DataTypes.createStructField("source", DataTypes.StringType, true),
                DataTypes.createStructField("source_record_id", DataTypes.StringType, true),
                DataTypes.createStructField("agent_id", DataTypes.StringType, true),
                DataTypes.createStructField("products", DataTypes.createArrayType(DataTypes.StringType, false), false),
                DataTypes.createStructField("customer", DataTypes.StringType, false),
                DataTypes.createStructField("role", DataTypes.StringType, false),
                DataTypes.createStructField("analytics", DataTypes.BooleanType, false),
                DataTypes.createStructField("month", DataTypes.StringType, false)));
        if (personal) f.add(DataTypes.createStructField("identifiers", DataTypes.createArrayType(IDENTIFIER, false), true));
        return new StructType(f.toArray(StructField[]::new));
    }

    private LedgerExport() {}

    static Result run(Node node, SparkSession spark, String out, boolean personal, Progress progress) {
        long size = node.ledger().size();
        Set<String> analytics = new HashSet<>(node.audience("analytics"));
        // Whose timeline each interaction is on, sorted by entry so one pass over the log finds them all.
        List<String> names = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        List<long[]> rows = new ArrayList<>();
        List<String> roles = List.of("subject", "affected");
        for (int role = 0; role < roles.size(); role++) {
            int r = role;
            node.projections().allTimeline(roles.get(role), t -> {
                if (t.index() >= size) return;
                int id = ids.computeIfAbsent(t.customerId(), c -> {
                    names.add(c);
                    return names.size() - 1;
                });
                rows.add(new long[]{t.index(), id, r});
            });
        }
        long[][] byEntry = rows.toArray(long[][]::new);
        rows.clear();
        Arrays.sort(byEntry, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));

        StructType schema = schema(personal);
        List<Row> chunk = new ArrayList<>(CHUNK);
        long written = 0, interactions = 0;
        int next = 0;
        boolean first = true;
        for (long from = 0; from < size && next < byEntry.length; from += 10_000) {
            List<long[]> leafIndexes = new ArrayList<>();
            List<byte[]> leaves = new ArrayList<>();
            node.ledger().scanLeaves(from, Math.min(size, from + 10_000), (i, leaf) -> {
                leafIndexes.add(new long[]{i});
                leaves.add(leaf);
            });
            for (int k = 0; k < leaves.size(); k++) {
                long i = leafIndexes.get(k)[0];
                while (next < byEntry.length && byEntry[next][0] < i) next++;
                if (next >= byEntry.length || byEntry[next][0] != i || EntryKind.of(leaves.get(k)) != EntryKind.INTERACTION) continue;
                InteractionEntry e = InteractionEntry.parse(leaves.get(k));
                interactions++;
                List<Row> matchIds = personal ? subjectIdentifiers(node, i, e) : null;
                for (; next < byEntry.length && byEntry[next][0] == i; next++) {
                    String role = roles.get((int) byEntry[next][2]);
                    String customer = names.get((int) byEntry[next][1]);
                    List<Object> values = new ArrayList<>(List.of(i, Timestamp.from(e.occurredAt()), e.channel(), e.type()));
                    values.addAll(Arrays.asList(e.source(), e.sourceRecordId(), e.agentId(), e.products().toArray(String[]::new), customer, role,
                            analytics.contains(customer), MONTH.format(e.occurredAt())));
                    if (personal) values.add(role.equals("subject") && matchIds != null ? matchIds.toArray(Row[]::new) : null);
                    chunk.add(RowFactory.create(values.toArray()));
                }
                if (chunk.size() >= CHUNK) {
                    write(spark, chunk, schema, out, first);
                    written += chunk.size();
                    first = false;
                    chunk.clear();
                }
            }
            progress.update("exporting", Math.min(size, from + 10_000), size);
        }
        if (!chunk.isEmpty() || first) write(spark, chunk, schema, out, first);
        written += chunk.size();
        return new Result(written, interactions, names.size(), personal);
    }

    /** The subject's identifiers the matcher reads, in record order; null when the personal part was erased. */
    private static List<Row> subjectIdentifiers(Node node, long index, InteractionEntry e) {
        return node.personalPart(index).map(part -> {
            List<Row> out = new ArrayList<>();
            for (Identifier id : IdentityGraph.parties(e.withPersonal(part)).get(0).identifiers())
                if (MATCH_TYPES.contains(id.type())) out.add(RowFactory.create(id.type(), id.value()));
            return out;
        }).orElse(null);
    }

    private static void write(SparkSession spark, List<Row> rows, StructType schema, String out, boolean first) {
        spark.createDataFrame(rows, schema).write().mode(first ? SaveMode.Overwrite : SaveMode.Append).partitionBy("month").parquet(out);
    }
}
