package org.touchline.journeys;

/**
 * The journey engine over one table: every query in one place, for the node, the API and the CLI. Holds no I/O and
 * no personal data; the answers are aggregates (counts and durations, small counts suppressed). Thread-safe: the
 * table is immutable and each query allocates its own state. Rebuild the table (and this) after an unmerge,
 * erasure or rebuild; {@link TouchTable.Builder#from} appends new touches.
 */
public final class JourneyAnalytics {
    private final TouchTable table;

    public JourneyAnalytics(TouchTable table) {
        this.table = table;
    }

    public TouchTable table() { return table; }

    public FunnelResult funnel(FunnelQuery q) { return new Funnels(table).run(q); }

    public PathResult paths(PathQuery q) { return new Paths(table).run(q); }

    public FlowReport flow(FlowQuery q) { return new FlowMetrics(table).run(q); }

    public JourneyStates journeys(JourneyQuery q) { return new Journeys(table).run(q); }

    public ProductView product(ProductQuery q) { return new ProductViews(table).run(q); }

    public CoChurnResult coChurn(CoChurnQuery q) { return new CoChurn(table).run(q); }

    public CohortTable cohorts(CohortQuery q) { return new Cohorts(table).run(q); }
}
