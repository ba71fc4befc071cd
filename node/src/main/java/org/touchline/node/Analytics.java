package org.touchline.node;

import org.touchline.domain.EntryKind;
import org.touchline.domain.InteractionEntry;
import org.touchline.domain.Progress;
import org.touchline.domain.store.IdentityProjection;
import org.touchline.domain.store.LedgerStore;
import org.touchline.domain.store.ProjectionChanges;
import org.touchline.domain.store.TimelineProjection;
import org.touchline.journeys.JourneyAnalytics;
import org.touchline.journeys.StageMap;
import org.touchline.journeys.Touch;
import org.touchline.journeys.TouchTable;
import org.touchline.ledger.Hashes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Journey analytics over this node's ledger (docs/analytics.md): a snapshot of every interaction of every customer who allows
 * analytics (docs/architecture.md, principle 7: the purpose check is the audience), as the journey engine's compact table, with
 * households and organisations from the relationship projection and a tenure segment per customer. The snapshot says up to which entry it is; it is
 * built on first use and again when the ledger has grown and the snapshot is older than {@link #MAX_AGE}, or when
 * asked ({@link #refresh}) — an unmerge, an erasure or a withdrawn consent is in the next snapshot. Nothing personal
 * is in it: opaque customer ids, channels, types, sources, products, times, and opaque household ids.
 */
public final class Analytics {
    public static final String STAGES_FILE = "journey-stages.yaml";
    static final Duration MAX_AGE = Duration.ofSeconds(60);

    /** The table and what it covers, with the engine's queries over it. */
    public record Snapshot(TouchTable table, long entries, int customers, Instant builtAt, long buildMillis) {
        public JourneyAnalytics queries() { return new JourneyAnalytics(table); }

        /** What a snapshot covers, for an answer's header: no table, nothing personal. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entries", entries);
            m.put("customers", customers);
            m.put("touches", table.size());
            m.put("first", table.first() == null ? null : table.first().toString());
            m.put("last", table.last() == null ? null : table.last().toString());
            m.put("builtAt", builtAt.toString());
            m.put("buildMillis", buildMillis);
            return m;
        }
    }

    private final LedgerStore ledger;
    private final TimelineProjection timelines;
    private final IdentityProjection relationships;
    private final Customers customers;
    private final Consents consents;
    private final Clock clock;
    private final StageMap stages;
    private volatile Snapshot snapshot;

    /** {@code dataDir}: where the stage map is ({@code journey-stages.yaml}). */
    Analytics(Path dataDir, LedgerStore ledger, TimelineProjection timelines, IdentityProjection relationships, Customers customers,
              Consents consents, Clock clock) {
        this.ledger = ledger;
        this.timelines = timelines;
        this.relationships = relationships;
        this.customers = customers;
        this.consents = consents;
        this.clock = clock;
        this.stages = stageMap(dataDir);
    }

    /** The stage map in force: {@code journey-stages.yaml} in the data directory, else the shipped defaults. */
    static StageMap stageMap(Path dataDir) {
        Path file = dataDir.resolve(STAGES_FILE);
        if (!Files.exists(file)) return StageMap.defaults();
        try (InputStream in = Files.newInputStream(file)) {
            return StageMap.load(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public StageMap stages() { return stages; }

    /** Builds stale snapshots off the request path, one at a time. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "analytics-snapshot");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean refreshing = new AtomicBoolean();

    /**
     * The current snapshot. The first one is built on the spot; after that a stale one is still answered from while
     * its successor is built in the background (at a million customers a build reads the whole log for most of a
     * minute), and the answer's {@code builtAt} and {@code entries} say how fresh it is.
     */
    public Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s == null) return refresh(Progress.NONE);
        boolean stale = s.entries() != ledger.size() && Duration.between(s.builtAt(), clock.instant()).compareTo(MAX_AGE) >= 0;
        if (stale && refreshing.compareAndSet(false, true))
            background.execute(() -> {
                try {
                    refresh(Progress.NONE);
                } catch (RuntimeException e) {
                    System.getLogger(Analytics.class.getName()).log(System.Logger.Level.WARNING, "analytics snapshot could not be built: " + e.getMessage());
                } finally {
                    refreshing.set(false);
                }
            });
        return s;
    }

    /** Builds a new snapshot now. One at a time: a second caller waits and gets the same one. */
    public synchronized Snapshot refresh(Progress progress) {
        long size = ledger.size();
        Snapshot s = snapshot;
        if (s != null && s.entries() == size) return s;
        long started = System.nanoTime();
        Set<String> allowed = new HashSet<>(consents.audience("analytics"));
        Map<String, String> household = groups(Set.of("household"), "hh-"), organisation = groups(Set.of("employee", "parent"), "org-");

        // Which customers each interaction is on the timeline of (whose it is; an external event: everyone it reached),
        // sorted by entry so one pass over the log finds them all.
        List<long[]> rows = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        List<long[]> firstLast = new ArrayList<>();   // per customer: first and last touch, for the tenure segment
        for (String role : List.of("subject", "affected"))
            timelines.allTimeline(role, r -> {
                if (r.index() >= size || !allowed.contains(r.customerId())) return;
                Integer id = ids.computeIfAbsent(r.customerId(), c -> {
                    names.add(c);
                    firstLast.add(new long[]{Long.MAX_VALUE, Long.MIN_VALUE});
                    return names.size() - 1;
                });
                rows.add(new long[]{r.index(), id});
                if (role.equals("subject")) {
                    long[] fl = firstLast.get(id);
                    fl[0] = Math.min(fl[0], r.occurredAtMillis());
                    fl[1] = Math.max(fl[1], r.occurredAtMillis());
                }
            });
        // The segment is the customer's tenure at the end of the snapshot (the newest touch in it, not the wall
        // clock, so two nodes with the same ledger segment alike).
        long end = firstLast.stream().mapToLong(fl -> fl[1]).max().orElse(0);
        String[] segment = new String[names.size()];
        for (int k = 0; k < segment.length; k++) segment[k] = tenure(firstLast.get(k)[0], end);
        long[][] byEntry = rows.toArray(long[][]::new);
        rows.clear();
        Arrays.sort(byEntry, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));

        TouchTable.Builder table = TouchTable.builder(stages);
        int[] next = {0};
        long step = Math.max(1, size / 100);
        progress.update("analytics snapshot", 0, size);
        // Only the stretch of the log that holds the audience's interactions is read.
        long from = byEntry.length == 0 ? 0 : byEntry[0][0], to = byEntry.length == 0 ? 0 : byEntry[byEntry.length - 1][0] + 1;
        ledger.scanLeaves(from, to, (i, leaf) -> {
            if (i % step == 0) progress.update("analytics snapshot", i, size);
            while (next[0] < byEntry.length && byEntry[next[0]][0] < i) next[0]++;
            if (next[0] >= byEntry.length || byEntry[next[0]][0] != i || EntryKind.of(leaf) != EntryKind.INTERACTION) return;
            InteractionEntry e = InteractionEntry.parse(leaf);
            for (; next[0] < byEntry.length && byEntry[next[0]][0] == i; next[0]++) {
                String c = names.get((int) byEntry[next[0]][1]);
                table.add(new Touch(c, household.get(c), organisation.get(c), e.occurredAt(), e.channel(), e.type(), e.source(),
                        e.products(), segment[(int) byEntry[next[0]][1]], e.agentId()));
            }
        });
        progress.update("analytics snapshot", size, size);
        Snapshot built = new Snapshot(table.build(), size, names.size(), clock.instant(), (System.nanoTime() - started) / 1_000_000);
        snapshot = built;
        return built;
    }

    /** Tenure bands analysts split by: under 90 days, under two years, longer; "unknown" when only others' events name them. */
    static String tenure(long firstMillis, long endMillis) {
        if (firstMillis == Long.MAX_VALUE) return "unknown";
        long days = (endMillis - firstMillis) / 86_400_000L;
        return days < 90 ? "new (< 90 days)" : days < 730 ? "established (90 days - 2 years)" : "long-standing (2 years +)";
    }

    private Map<String, String> groups(Set<String> types, String prefix) {
        Map<String, String> parent = new HashMap<>();
        for (ProjectionChanges.Relationship r : relationships.relationships()) {
            if (!types.contains(r.type()) || r.validTo() != null) continue;
            String a = customers.current(r.from()).orElse(null), b = customers.current(r.to()).orElse(null);
            if (a == null || b == null) continue;
            union(parent, a, b);
        }
        Map<String, String> out = new HashMap<>();
        for (String c : parent.keySet()) out.put(c, prefix + opaque(find(parent, c)));
        return out;
    }

    private static String find(Map<String, String> parent, String x) {
        String p = parent.getOrDefault(x, x);
        if (p.equals(x)) return x;
        String root = find(parent, p);
        parent.put(x, root);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = find(parent, a), rb = find(parent, b);
        if (ra.equals(rb)) return;
        // The smaller id is the root, so the group's id does not depend on the order relationships were recorded in.
        if (ra.compareTo(rb) < 0) parent.put(rb, ra);
        else parent.put(ra, rb);
    }

    /** A group id that names no customer. */
    private static String opaque(String customer) {
        return HexFormat.of().formatHex(Hashes.sha256(("group\u0000" + customer).getBytes(StandardCharsets.UTF_8)), 0, 8);
    }
}
