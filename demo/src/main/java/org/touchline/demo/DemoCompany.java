package org.touchline.demo;

import org.touchline.domain.Progress;

import org.touchline.domain.InteractionJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The demo company, Northwind Connect: a UK broadband, TV and devices retailer with stores, a call centre, a website and
 * apps, email marketing, live chat, field engineers and a social care team. Generates its customers and households and
 * every system's export of 18 months of their interactions, deterministically from a seed: the same seed writes
 * byte-identical files.
 *
 * <p>Customers are kept in memory; interactions are planned a few weeks ahead at most and streamed to disk in time
 * order, so a million interactions need well under a gigabyte of heap.
 */
public final class DemoCompany {
    /** The end of a demo made without one (London time): every interaction happens before 1 November 2026. */
    public static final LocalDate END = LocalDate.of(2026, 11, 1);
    static final ZoneId LONDON = Journeys.LONDON;

    private final DemoSize size;
    private final long seed;
    private final LocalDate end;

    /** A demo company whose history ends on {@link #END}: the same files on any day (tests and benchmarks). */
    public DemoCompany(DemoSize size, long seed) {
        this(size, seed, END);
    }

    /**
     * A demo company whose history ends at the start of {@code end} (London time): {@code ./touchline demo} gives the
     * day it runs, so the history reaches yesterday and forecasts start today. The same seed and end give the same
     * files; the outages, the price rise and the recall fall on the same days before the end whatever it is.
     */
    public DemoCompany(DemoSize size, long seed, LocalDate end) {
        this.size = size;
        this.seed = seed;
        this.end = end;
    }

    public LocalDate end() { return end; }

    public DemoSize size() { return size; }

    /**
     * Writes each source system's mapping ({@code <source>.yaml}) and export ({@code <source>.csv|jsonl|xml}) into
     * {@code dir}, creating it if needed. Returns them in a fixed order: crm, callcentre, pos, digital, engage, fieldops, social.
     */
    public List<SourceFile> generate(Path dir, Progress progress) throws IOException {
        Files.createDirectories(dir);
        Map<Src, SourceWriter> writers = new EnumMap<>(Src.class);
        try {
            for (Src s : Src.values()) writers.put(s, Writers.open(s, dir, seed));
            // At least the size asked for, after the ~0.3% deliberately broken records are refused: plan 0.5% over it.
            // No cut: the history runs to the last day (a cut at the count would end it weeks early, and the demand
            // forecast would start then); the simulation lands within a few percent of the plan.
            DemoSize planned = new DemoSize(size.customers(), size.interactions() + size.interactions() / 200, size.months());
            run(planned, seed, end, progress == null ? Progress.NONE : progress, e -> writers.get(e.src).write(e), Long.MAX_VALUE);
        } finally {
            IOException first = null;
            for (SourceWriter w : writers.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    if (first == null) first = e;
                }
            }
            if (first != null) throw first;
        }
        List<SourceFile> files = new ArrayList<>();
        for (Src s : Src.values()) {
            Path mapping = dir.resolve(s.id + ".yaml");
            copyMapping(s.id, mapping);
            files.add(new SourceFile(s.id, mapping, writers.get(s).file, writers.get(s).records));
        }
        files.add(writeIncidents(dir, size.months(), end));
        return files;
    }

    /**
     * The CRM's household links (crm_id, household number) for households of two or more: the company's own record of
     * who lives together, which Touchline keeps as relationships (never merges). The same population the simulation
     * plays, drawn again from the seed.
     */
    public Path writeHouseholds(Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        LocalDate firstDay = end.minusMonths(size.months());
        DemoCustomer[] customers = Population.create(size.customers(), rng.split(),
                firstDay.atStartOfDay(LONDON).toInstant().toEpochMilli(), end.atStartOfDay(LONDON).toInstant().toEpochMilli());
        List<String> rows = new ArrayList<>(List.of("crm_id,household"));
        for (DemoCustomer c : customers) if (c.members.length > 0) rows.add(c.crmId + ",H" + c.household);
        Path file = dir.resolve("crm-households.csv");
        Files.write(file, rows, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The network operations centre's incidents (external events, docs/analytics.md): the two outages the simulation
     * plays out ({@link #outageTown}), each followed by its restoration, and a recall of the twin mesh pack. Written
     * last, so every affected customer is known when they are ingested.
     */
    static SourceFile writeIncidents(Path dir, int months, LocalDate end) throws IOException {
        LocalDate first = end.minusMonths(months);
        List<String> rows = new ArrayList<>(List.of("incident,started,kind,areas,product,account,description"));
        for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
            int town = outageTown(day, end);
            if (town < 0) continue;
            DemoData.Town t = DemoData.TOWNS[town];
            String id = "INC-" + day.toString().replace("-", "");
            rows.add(id + "," + day + " 07:00,OUTAGE," + t.area() + ",,,Fibre cable cut: broadband down across " + t.name() + " (" + t.area() + ")");
            rows.add(id + "R," + day + " 19:30,RESTORED," + t.area() + ",,,Service restored across " + t.name());
        }
        LocalDate recall = end.minusDays(RECALL_DAYS_BEFORE_END);
        if (!recall.isBefore(first) && recall.isBefore(end))
            rows.add("RCL-" + recall.toString().replace("-", "") + "," + recall
                    + " 09:00,RECALL,,DEV-MESH-2,,Mesh Wi-Fi twin pack: power adaptor may overheat; free replacement");
        Path data = dir.resolve("network.csv");
        Files.write(data, rows, StandardCharsets.UTF_8);
        Path mapping = dir.resolve("network.yaml");
        copyMapping("network", mapping);
        return new SourceFile("network", mapping, data, rows.size() - 1L);
    }

    /** The mapping shipped for a source (examples/mappings in the repository, mappings/ on the classpath). */
    static void copyMapping(String source, Path to) throws IOException {
        try (InputStream in = DemoCompany.class.getResourceAsStream("/mappings/" + source + ".yaml")) {
            if (in == null) throw new IOException("mapping resource /mappings/" + source + ".yaml is missing from the classpath");
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes {@code lines} Interaction v1 records as NDJSON for the ingest benchmark: the same mixed-channel journeys
     * as the demo company (about 50 interactions per customer), each already in Touchline's form, streamed to disk.
     */
    public static Path writeBenchFile(Path file, long lines, long seed) throws IOException {
        return writeBenchFile(file, lines, (int) Math.max(50, Math.min(2_000_000, lines / 50)), seed);
    }

    /** {@link #writeBenchFile(Path, long, long)} over a fixed number of customers (a load test whose population stops growing). */
    public static Path writeBenchFile(Path file, long lines, int customers, long seed) throws IOException {
        if (lines < 1) throw new IllegalArgumentException("lines must be at least 1");
        if (customers < 1) throw new IllegalArgumentException("customers must be at least 1");
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        // Ask for a little more than needed and stop at exactly `lines`.
        DemoSize size = new DemoSize(customers, Math.max(100, lines + lines / 20 + 200), 18);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            MappedInteractions bench = new MappedInteractions(seed);
            long[] written = {0};
            run(size, seed, END, Progress.NONE, e -> {
                if (written[0] >= lines) return;
                out.write(InteractionJson.toJsonLine(bench.toInteraction(e)));
                out.write('\n');
                written[0]++;
            }, lines);
            if (written[0] < lines) throw new IllegalStateException("planned only " + written[0] + " of " + lines + " interactions");
        }
        return file;
    }

    /**
     * Streams this company's interactions in time order as {@link DemoTouch}es (no files, nothing personal): about
     * {@code size().interactions()} of them, the same for the same seed. Progress goes to {@code progress}.
     */
    public void touches(Progress progress, Consumer<DemoTouch> sink) {
        try {
            run(size, seed, end, progress == null ? Progress.NONE : progress, e -> sink.accept(DemoTouch.of(e)), Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);      // run() throws only what its sink throws, and this one writes nothing
        }
    }

    interface Sink {
        void accept(DemoEvent e) throws IOException;
    }

    /**
     * The day-by-day simulation. Each day: start the day's episodes (new customers' acquisitions, contract renewals,
     * outages and a number of ordinary episodes chosen to land near the wanted total), then write every planned
     * interaction that falls on that day, in time order.
     */
    static void run(DemoSize size, long seed, LocalDate end, Progress progress, Sink sink, long stopAfter) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        LocalDate lastDay = end.minusDays(1);
        LocalDate firstDay = end.minusMonths(size.months());
        long windowStart = firstDay.atStartOfDay(LONDON).toInstant().toEpochMilli();
        long windowEnd = end.atStartOfDay(LONDON).toInstant().toEpochMilli();
        progress.update("customers", 0, size.customers());
        DemoCustomer[] customers = Population.create(size.customers(), rng.split(), windowStart, windowEnd);
        progress.update("customers", size.customers(), size.customers());

        Journeys j = new Journeys(rng.split(), customers);
        Behaviour behaviour = new Behaviour(rng.split(), customers);
        LocalDate priceRise = end.minusDays(PRICE_RISE_DAYS_BEFORE_END);
        SplittableRandom pick = rng.split();
        PriorityQueue<DemoEvent> queue = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
        long seq = 0;

        // Acquisitions are planned three weeks ahead of the join day (the awareness and browsing come before it).
        List<List<DemoCustomer>> joiningOn = new ArrayList<>();
        int days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay() + 1);
        for (int d = 0; d < days; d++) joiningOn.add(new ArrayList<>());
        for (DemoCustomer c : customers) {
            if (c.joinedAt < windowStart) continue;
            int d = (int) (Instant.ofEpochMilli(c.joinedAt).atZone(LONDON).toLocalDate().toEpochDay() - firstDay.toEpochDay());
            joiningOn.get(Math.max(0, d - 28)).add(c);
        }
        // Who starts ordinary episodes: weighted by how active each customer is.
        double[] cumulative = new double[customers.length];
        double sum = 0;
        for (int i = 0; i < customers.length; i++) cumulative[i] = sum += customers[i].activity;
        int[] anniversary = new int[customers.length];
        for (int i = 0; i < customers.length; i++) {
            var z = Instant.ofEpochMilli(customers[i].joinedAt).atZone(LONDON);
            anniversary[i] = z.getMonthValue() * 100 + z.getDayOfMonth();
        }
        double[] kindCumulative = new double[Journeys.WEIGHTS.length];
        double ks = 0;
        for (int k = 0; k < kindCumulative.length; k++) kindCumulative[k] = ks += Journeys.WEIGHTS[k];

        double[] dayWeight = new double[days];
        double totalWeight = 0;
        for (int d = 0; d < days; d++) totalWeight += dayWeight[d] = dayWeight(firstDay.plusDays(d), d, days);
        double remainingWeight = totalWeight;

        long target = size.interactions();
        long written = 0;
        long episodes = 0, episodeEvents = 0;
        long step = Math.max(1, Math.min(5000, target / 100)), nextReport = step;
        progress.update("interactions", 0, target);

        for (int d = 0; d < days && written < stopAfter; d++) {
            LocalDate day = firstDay.plusDays(d);
            long dayStart = day.atStartOfDay(LONDON).toInstant().toEpochMilli();
            long dayEnd = day.plusDays(1).atStartOfDay(LONDON).toInstant().toEpochMilli();
            List<DemoEvent> planned = j.out;
            planned.clear();

            for (DemoCustomer c : joiningOn.get(d)) j.acquisition(c);
            int md = day.getMonthValue() * 100 + day.getDayOfMonth();
            for (DemoCustomer c : customers) {
                if (anniversary[c.idx] == md && c.joinedAt < dayStart - 330L * Journeys.DAY && c.closedAt > dayStart)
                    j.renewal(c, dayStart + 6 * Journeys.HOUR + j.rng.nextInt(3_600_000));
            }
            int outageTown = outageTown(day, end);
            boolean priceRiseWeeks = !day.isBefore(priceRise) && day.isBefore(priceRise.plusDays(21));
            j.busy = outageTown >= 0 || priceRiseWeeks;
            if (day.equals(priceRise)) {
                // Every plan but SIM-only goes up; the billing run writes it to CRM in the early morning.
                for (DemoCustomer c : customers)
                    if (c.activeAt(dayStart) && !"PLN-SIMO".equals(c.plan)) j.priceRise(c, dayStart + 5 * Journeys.HOUR + j.rng.nextInt(3_600_000));
            }
            boolean gifts = (day.getMonthValue() == 11 && day.getDayOfMonth() >= 20) || (day.getMonthValue() == 12 && day.getDayOfMonth() <= 24);
            behaviour.day(j, customers, dayStart, gifts);
            if (outageTown >= 0) {
                long at = dayStart + (7 + j.rng.nextInt(4)) * Journeys.HOUR;
                for (DemoCustomer c : customers)
                    if (c.town == outageTown && c.activeAt(at) && j.chance(0.35)) j.outage(c, at + j.rng.nextInt(300) * Journeys.MIN);
            }
            long fixed = planned.size();

            // Ordinary episodes: enough to land the remaining total on the remaining days in proportion to their weight.
            double mean = episodes < 200 ? 3.0 : (double) episodeEvents / episodes;
            double want = Math.max(0, (target - written - queue.size() - fixed) * dayWeight[d] / remainingWeight / mean);
            remainingWeight -= dayWeight[d];
            int n = (int) want + (pick.nextDouble() < want - (int) want ? 1 : 0);
            for (int e = 0; e < n; e++) {
                DemoCustomer c = null;
                for (int tries = 0; tries < 20 && c == null; tries++) {
                    DemoCustomer cand = customers[search(cumulative, pick.nextDouble() * sum)];
                    if (cand.activeAt(dayStart) || cand.activeAt(dayEnd - 1)) c = cand;
                }
                if (c == null) continue;
                Journeys.Kind kind = Journeys.Kind.values()[search(kindCumulative, pick.nextDouble() * ks)];
                if (priceRiseWeeks && pick.nextDouble() < 0.3) kind = Journeys.Kind.BILLING;
                int before = planned.size();
                j.episode(kind, c, Math.max(dayStart, c.joinedAt) + (long) (pick.nextDouble() * 12 * Journeys.HOUR));
                episodes++;
                episodeEvents += planned.size() - before;
            }
            for (DemoEvent e : planned) {
                if (e.at < dayStart || e.at >= windowEnd || e.at < windowStart) continue;   // before today or after the end
                e.seq = seq++;
                queue.add(e);
            }
            planned.clear();
            while (!queue.isEmpty() && queue.peek().at < dayEnd && written < stopAfter) {
                sink.accept(queue.poll());
                written++;
                if (written >= nextReport) {
                    progress.update("interactions", written, target);
                    nextReport += step;
                }
            }
        }
        progress.update("interactions", written, written);      // done: the total is what was written
    }

    /** More on weekdays, a busy run-up to Christmas, quiet Christmas Day, and a business that grows over the months. */
    static double dayWeight(LocalDate day, int d, int days) {
        double w = switch (day.getDayOfWeek()) {
            case SATURDAY -> 0.9;
            case SUNDAY -> 0.7;
            default -> 1.0;
        };
        if (day.getMonthValue() == 12 && day.getDayOfMonth() == 25) w *= 0.3;
        else if ((day.getMonthValue() == 11 && day.getDayOfMonth() >= 20) || (day.getMonthValue() == 12 && day.getDayOfMonth() < 24)) w *= 1.3;
        return w * (0.85 + 0.3 * d / days);
    }

    /** Days before the end of the price rise (1 April 2026 for the default end), the recall and the two outages. */
    static final int PRICE_RISE_DAYS_BEFORE_END = 214, RECALL_DAYS_BEFORE_END = 236;
    static final int LEEDS_OUTAGE_DAYS_BEFORE_END = 348, MANCHESTER_OUTAGE_DAYS_BEFORE_END = 117;

    /** Two network outages: Leeds on 18 November 2025, Manchester on 7 July 2026 (for the default end). */
    static int outageTown(LocalDate day, LocalDate end) {
        if (day.equals(end.minusDays(LEEDS_OUTAGE_DAYS_BEFORE_END))) return 2;
        if (day.equals(end.minusDays(MANCHESTER_OUTAGE_DAYS_BEFORE_END))) return 12;
        return -1;
    }

    private static int search(double[] cumulative, double x) {
        int lo = 0, hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
