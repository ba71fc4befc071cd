package org.touchline.journeys;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's funnels and lead times against plain SQL over the same touches in DuckDB: a seeded random table of
 * 120,000 touches, the five-step funnel (per step counts, p50 and p90, overall and split by entry channel) and lead
 * times (overall, by decision channel, by product and by month), and every cell of the retention cohorts (by first
 * period, product and channel; monthly and weekly; any activity and purchases), with outage notices on the external
 * channel among the touches. The numbers must agree exactly.
 */
class DuckDbCrossCheckTest {
    private static final long SEED = 20261101;
    private static List<Touch> touches;
    private static TouchTable table;
    private static Connection db;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        touches = new ArrayList<>(RandomTables.touches(SEED, 1_500, 120_000));
        addExternalEvents(touches, 3_000);
        TouchTable.Builder b = TouchTable.builder(StageMap.defaults());
        touches.forEach(b::add);
        table = b.build();
        StageMap stages = StageMap.defaults();
        Path main = dir.resolve("touches.csv"), products = dir.resolve("products.csv");
        try (BufferedWriter t = Files.newBufferedWriter(main); BufferedWriter p = Files.newBufferedWriter(products)) {
            t.write("seq,customer,t,channel,type,source,stage,first_product\n");
            p.write("seq,pos,product\n");
            for (int i = 0; i < touches.size(); i++) {
                Touch x = touches.get(i);
                t.write(i + "," + x.customer() + "," + x.at().getEpochSecond() + "," + x.channel() + "," + x.type() + "," + x.source() + ","
                        + stages.stageOf(x.channel(), x.type(), x.source()).id() + "," + (x.products().isEmpty() ? "" : x.products().get(0)) + "\n");
                for (int k = 0; k < x.products().size(); k++) p.write(i + "," + k + "," + x.products().get(k) + "\n");
            }
        }
        Properties props = new Properties();
        props.setProperty("autoinstall_known_extensions", "false");
        props.setProperty("autoload_known_extensions", "false");
        db = DriverManager.getConnection("jdbc:duckdb:", props);
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE touches AS SELECT * FROM read_csv('" + main + "', header = true, columns = {'seq': 'BIGINT', "
                    + "'customer': 'VARCHAR', 't': 'BIGINT', 'channel': 'VARCHAR', 'type': 'VARCHAR', 'source': 'VARCHAR', "
                    + "'stage': 'VARCHAR', 'first_product': 'VARCHAR'})");
            s.execute("CREATE TABLE products AS SELECT * FROM read_csv('" + products + "', header = true, columns = {'seq': 'BIGINT', "
                    + "'pos': 'INTEGER', 'product': 'VARCHAR'})");
        }
    }

    /** Outage notices on the timelines of random customers, in seconds none of their own touches take. */
    private static void addExternalEvents(List<Touch> touches, int count) {
        Set<String> taken = new HashSet<>();
        for (Touch t : touches) taken.add(t.customer() + "@" + t.at().getEpochSecond());
        SplittableRandom r = new SplittableRandom(SEED);
        for (int added = 0; added < count; ) {
            Touch t = new Touch("cust-" + r.nextInt(1_500), null, null, Tables.T0.plusSeconds(r.nextLong(Duration.ofDays(400).getSeconds())),
                    "external", "network_outage", "network", List.of(), null, null);
            if (taken.add(t.customer() + "@" + t.at().getEpochSecond())) {
                touches.add(t);
                added++;
            }
        }
    }

    @Test
    void theDataIsLoadedWhole() throws SQLException {
        assertThat(longs("SELECT count(*) FROM touches").get(0)).isEqualTo(touches.size());
        assertThat(table.size()).isEqualTo(touches.size());
    }

    @Test
    void nearestRankPercentilesAreDuckDbsQuantileDisc() throws SQLException {
        for (int n = 1; n <= 200; n++) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) v[i] = i * 10L;
            List<Long> sql = longs("SELECT quantile_disc(x, 0.5), quantile_disc(x, 0.9) FROM range(0, " + (n * 10) + ", 10) r(x)");
            assertThat(new long[] {Percentile.of(v, n, 50), Percentile.of(v, n, 90)}).as("n = %d", n)
                    .containsExactly(sql.get(0), sql.get(1));
        }
    }

    @Test
    void aFiveStepFunnelAgreesWithSql() throws SQLException {
        FunnelQuery q = RandomTables.funnel().withMinimumCount(1);
        FunnelResult r = new Funnels(table).run(q);
        assertThat(r.steps().get(4).entered()).as("the random data must reach the last step: %s", r.steps()).isGreaterThan(20);
        List<List<Long>> sql = funnelSql(q, null);
        for (int s = 0; s < 5; s++) {
            FunnelResult.StepResult step = r.steps().get(s);
            assertThat(step.entered()).as("step %d entered", s + 1).isEqualTo(sql.get(s).get(0));
            if (s > 0) {
                assertThat(step.p50Seconds()).as("step %d p50", s + 1).isEqualTo(sql.get(s).get(1));
                assertThat(step.p90Seconds()).as("step %d p90", s + 1).isEqualTo(sql.get(s).get(2));
            }
        }
    }

    @Test
    void aFunnelSplitByEntryChannelAgreesWithSql() throws SQLException {
        FunnelQuery q = RandomTables.funnel().withMinimumCount(1).withSplit(Split.CHANNEL);
        FunnelResult r = new Funnels(table).run(q);
        assertThat(r.groups()).hasSize(RandomTables.CHANNELS.length);
        for (FunnelResult.Group g : r.groups()) {
            List<List<Long>> sql = funnelSql(q, g.value());
            for (int s = 0; s < 5; s++) {
                assertThat(g.steps().get(s).entered()).as("%s step %d", g.value(), s + 1).isEqualTo(sql.get(s).get(0));
                if (s > 0 && g.steps().get(s).entered() > 0) {
                    assertThat(g.steps().get(s).p50Seconds()).as("%s step %d p50", g.value(), s + 1).isEqualTo(sql.get(s).get(1));
                    assertThat(g.steps().get(s).p90Seconds()).as("%s step %d p90", g.value(), s + 1).isEqualTo(sql.get(s).get(2));
                }
            }
        }
    }

    @Test
    void leadTimesAgreeWithSqlOverallAndByChannelProductAndMonth() throws SQLException {
        FlowReport r = new FlowMetrics(table).run(new FlowQuery(null, null, null, null, null, 1));
        assertThat(r.leadTime().count()).as("the random data must convert journeys").isGreaterThan(1000);
        String lead = leadTimeSql(JourneyRules.DEFAULT.silence().getSeconds());
        List<Long> all = longs("SELECT count(*), quantile_disc(lead, 0.5), quantile_disc(lead, 0.9) FROM (" + lead + ")");
        assertThat(List.of(r.leadTime().count(), r.leadTime().p50Seconds(), r.leadTime().p90Seconds())).isEqualTo(all);
        assertThat(asMap(r.leadTimeByChannel())).isEqualTo(grouped(lead, "channel"));
        assertThat(asMap(r.leadTimeByProduct())).isEqualTo(grouped(lead, "coalesce(first_product, '(none)')"));
        assertThat(asMap(r.leadTimeByMonth())).isEqualTo(grouped(lead, "strftime(epoch_ms(t * 1000), '%Y-%m')"));
    }

    @Test
    void leadTimesAgreeWithSqlForAShorterSilence() throws SQLException {
        FlowReport r = new FlowMetrics(table).run(new FlowQuery(JourneyRules.withSilence(Duration.ofDays(3)), null, null, null, null, 1));
        List<Long> all = longs("SELECT count(*), quantile_disc(lead, 0.5), quantile_disc(lead, 0.9) FROM (" + leadTimeSql(3 * 86_400) + ")");
        assertThat(List.of(r.leadTime().count(), r.leadTime().p50Seconds(), r.leadTime().p90Seconds())).isEqualTo(all);
    }

    @ParameterizedTest
    @CsvSource({"FIRST_MONTH, MONTH, ANY", "FIRST_MONTH, MONTH, PURCHASE", "FIRST_MONTH, WEEK, ANY", "FIRST_MONTH, WEEK, PURCHASE",
            "PRODUCT, MONTH, ANY", "PRODUCT, MONTH, PURCHASE", "PRODUCT, WEEK, ANY", "PRODUCT, WEEK, PURCHASE",
            "CHANNEL, MONTH, ANY", "CHANNEL, MONTH, PURCHASE", "CHANNEL, WEEK, ANY", "CHANNEL, WEEK, PURCHASE"})
    void everyCellOfTheRetentionCohortsAgreesWithSql(CohortQuery.By by, CohortQuery.Period period, CohortQuery.Activity activity) throws SQLException {
        int periods = period == CohortQuery.Period.MONTH ? 12 : 30;
        CohortQuery q = new CohortQuery(by, period, activity, null, null, periods, 1);
        assertCohortsAgree(q);
    }

    @Test
    void retentionCohortsStartingInADateRangeAgreeWithSql() throws SQLException {
        assertCohortsAgree(new CohortQuery(CohortQuery.By.CHANNEL, CohortQuery.Period.MONTH, CohortQuery.Activity.ANY,
                Tables.T0.plusSeconds(Duration.ofDays(20).getSeconds()), Tables.T0.plusSeconds(Duration.ofDays(75).getSeconds()), 6, 1));
    }

    private static void assertCohortsAgree(CohortQuery q) throws SQLException {
        CohortTable r = new Cohorts(table).run(q);
        assertThat(r.cohorts()).as("the random data must make cohorts").hasSizeGreaterThan(2);
        Map<String, List<Object>> engine = new TreeMap<>(), sizes = new TreeMap<>();
        for (CohortTable.Cohort c : r.cohorts()) {
            sizes.put(c.cohort(), List.of(c.customers()));
            for (CohortTable.Cell x : c.cells()) engine.put(c.cohort() + " / " + x.period(), List.of(x.customers(), x.retained(), x.partial()));
        }
        for (CohortTable.Cell x : r.overall().cells()) engine.put("all / " + x.period(), List.of(x.customers(), x.retained(), x.partial()));
        Map<String, List<Object>> sql = new TreeMap<>(), sqlSizes = new TreeMap<>();
        String cells = cohortSql(q);
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(cells + " SELECT k, n, customers, retained, partial FROM cells"
                + " UNION ALL SELECT 'all', n, sum(customers), sum(retained), bool_or(partial) FROM cells GROUP BY n")) {
            while (rs.next()) sql.put(rs.getString(1) + " / " + rs.getInt(2), List.of(rs.getLong(3), rs.getLong(4), rs.getBoolean(5)));
        }
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(cells + " SELECT k, count(*) FROM starts GROUP BY k")) {
            while (rs.next()) sqlSizes.put(rs.getString(1), List.of(rs.getLong(2)));
        }
        assertThat(engine).isEqualTo(sql);
        assertThat(sizes).isEqualTo(sqlSizes);
    }

    // ---- the SQL ---------------------------------------------------------------------------------------------------

    /** Per step: {entered, p50, p90} of the delay into it, by successive earliest-match joins. */
    private static List<List<Long>> funnelSql(FunnelQuery q, String entryChannel) throws SQLException {
        StringBuilder with = new StringBuilder("WITH s1 AS (SELECT customer, min(t) AS t1 FROM touches x WHERE ")
                .append(where(q.steps().get(0).filter())).append(" AND t >= ").append(q.from().getEpochSecond())
                .append(" AND t < ").append(q.to().getEpochSecond()).append(" GROUP BY customer)");
        if (entryChannel != null) {
            // At most one touch per customer per second: the entry touch is the one at t1.
            with.append(", e1 AS (SELECT s1.customer, s1.t1 FROM s1 JOIN touches x ON x.customer = s1.customer AND x.t = s1.t1 WHERE x.channel = '")
                    .append(entryChannel).append("')");
        }
        String first = entryChannel == null ? "s1" : "e1";
        for (int s = 2; s <= q.steps().size(); s++) {
            FunnelQuery.Step step = q.steps().get(s - 1);
            String prev = s == 2 ? first : "s" + (s - 1);
            with.append(", s").append(s).append(" AS (SELECT p.customer, p.t").append(s - 1).append(", min(x.t) AS t").append(s)
                    .append(" FROM ").append(prev).append(" p JOIN touches x ON x.customer = p.customer AND x.t > p.t").append(s - 1)
                    .append(" AND x.t <= p.t").append(s - 1).append(" + ").append(step.window().getSeconds())
                    .append(" WHERE ").append(where(step.filter())).append(" GROUP BY p.customer, p.t").append(s - 1).append(")");
        }
        List<List<Long>> out = new ArrayList<>();
        out.add(longs(with + " SELECT count(*), NULL, NULL FROM " + first));
        for (int s = 2; s <= q.steps().size(); s++) {
            out.add(longs(with + " SELECT count(*), quantile_disc(t" + s + " - t" + (s - 1) + ", 0.5), quantile_disc(t" + s + " - t"
                    + (s - 1) + ", 0.9) FROM s" + s));
        }
        return out;
    }

    private static String where(TouchFilter f) {
        List<String> c = new ArrayList<>();
        c.add("TRUE");
        if (!f.stages().isEmpty()) c.add("x.stage IN (" + quoted(f.stages().stream().map(Stage::id).collect(Collectors.toSet())) + ")");
        if (!f.types().isEmpty()) c.add("x.type IN (" + quoted(f.types()) + ")");
        if (!f.channels().isEmpty()) c.add("x.channel IN (" + quoted(f.channels()) + ")");
        if (!f.sources().isEmpty()) c.add("x.source IN (" + quoted(f.sources()) + ")");
        if (!f.products().isEmpty())
            c.add("EXISTS (SELECT 1 FROM products p WHERE p.seq = x.seq AND p.product IN (" + quoted(f.products()) + "))");
        return String.join(" AND ", c);
    }

    private static String quoted(Set<String> values) {
        return values.stream().sorted().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }

    /**
     * Journeys by gaps and islands over the opening (awareness, interest, consideration) and converting (decision)
     * touches: a journey starts at an opening touch whose previous such touch is a decision, is missing, or lies more
     * than the silence before it; a decision converts the journey when the touch before it opens and lies within the
     * silence. One row per converted journey: lead, and the decision's channel, first product and time.
     */
    private static String leadTimeSql(long silence) {
        return """
                WITH pd AS (
                  SELECT customer, seq, t, channel, first_product,
                         stage IN ('awareness', 'interest', 'consideration') AS is_open, stage = 'decision' AS is_conv
                  FROM touches WHERE stage IN ('awareness', 'interest', 'consideration', 'decision')),
                l AS (SELECT *, lag(t) OVER w AS prev_t, lag(is_conv) OVER w AS prev_conv
                      FROM pd WINDOW w AS (PARTITION BY customer ORDER BY t, seq)),
                m AS (SELECT *, is_open AND (prev_t IS NULL OR prev_conv OR t - prev_t > %1$d) AS is_start FROM l),
                j AS (SELECT *, sum(CASE WHEN is_start THEN 1 ELSE 0 END)
                        OVER (PARTITION BY customer ORDER BY t, seq ROWS UNBOUNDED PRECEDING) AS jid FROM m),
                starts AS (SELECT customer, jid, t AS start_t FROM j WHERE is_start),
                conv AS (SELECT customer, jid, t, channel, first_product FROM j
                         WHERE is_conv AND prev_t IS NOT NULL AND NOT prev_conv AND t - prev_t <= %1$d)
                SELECT c.t - s.start_t AS lead, c.channel, c.first_product, c.t FROM conv c JOIN starts s USING (customer, jid)
                """.formatted(silence);
    }

    /**
     * Retention cohorts in plain SQL with DuckDB's own calendar (date_trunc, date_diff): each customer's start (first
     * touch, or first decision naming a product) outside the external channel, the cohort's customers who have reached
     * each period by the latest touch, and those active in it at or after their start. Defines {@code starts} (k) and
     * {@code cells} (k, n, customers, retained, partial).
     */
    private static String cohortSql(CohortQuery q) {
        boolean month = q.period() == CohortQuery.Period.MONTH;
        String period = month ? "date_diff('month', TIMESTAMP '2000-01-01', %s)" : "date_diff('day', TIMESTAMP '2000-01-03', date_trunc('week', %s)) // 7";
        String key = switch (q.by()) {
            case FIRST_MONTH -> month ? "strftime(ts, '%Y-%m')" : "strftime(date_trunc('week', ts), '%Y-%m-%d')";
            case CHANNEL -> "channel";
            case PRODUCT -> "first_product";
        };
        return """
                WITH x AS (SELECT *, epoch_ms(t * 1000) AS ts FROM touches WHERE channel <> 'external'),
                ranked AS (SELECT *, row_number() OVER (PARTITION BY customer ORDER BY t, seq) AS rn FROM x WHERE %1$s),
                starts AS (SELECT customer, t AS st, %2$s AS k, %3$s AS p0 FROM ranked WHERE rn = 1 AND t >= %4$d AND t < %5$d),
                latest AS (SELECT %6$s AS lp FROM (SELECT epoch_ms(max(t) * 1000) AS ts FROM touches)),
                reached AS (SELECT s.k, r.n, count(*) AS customers, bool_or(s.p0 + r.n = latest.lp) AS partial
                            FROM starts s, latest, range(0, %7$d) r(n) WHERE s.p0 + r.n <= latest.lp GROUP BY s.k, r.n),
                active AS (SELECT s.k, %8$s - s.p0 AS n, count(DISTINCT s.customer) AS retained
                           FROM starts s JOIN x ON x.customer = s.customer AND x.t >= s.st WHERE %9$s GROUP BY ALL),
                cells AS (SELECT r.k, r.n, r.customers, coalesce(a.retained, 0) AS retained, r.partial
                          FROM reached r LEFT JOIN active a ON a.k = r.k AND a.n = r.n)
                """.formatted(q.by() == CohortQuery.By.PRODUCT ? "stage = 'decision' AND first_product IS NOT NULL" : "TRUE",
                key, period.formatted("ts"), q.from() == null ? Long.MIN_VALUE : q.from().getEpochSecond(),
                q.to() == null ? Long.MAX_VALUE : q.to().getEpochSecond(), period.formatted("ts"), q.periods() + 1, period.formatted("x.ts"),
                q.activity() == CohortQuery.Activity.PURCHASE ? "x.stage = 'decision'" : "TRUE");
    }

    private static Map<String, List<Long>> grouped(String lead, String key) throws SQLException {
        Map<String, List<Long>> out = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT " + key + " AS k, count(*), quantile_disc(lead, 0.5), "
                + "quantile_disc(lead, 0.9) FROM (" + lead + ") GROUP BY k")) {
            while (rs.next()) out.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        }
        return out;
    }

    private static Map<String, List<Long>> asMap(List<FlowReport.Group> groups) {
        Map<String, List<Long>> out = new HashMap<>();
        for (FlowReport.Group g : groups)
            out.put(g.key(), List.of(g.distribution().count(), g.distribution().p50Seconds(), g.distribution().p90Seconds()));
        return out;
    }

    private static List<Long> longs(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            List<Long> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                long v = rs.getLong(i);
                out.add(rs.wasNull() ? null : v);
            }
            return out;
        }
    }

}
