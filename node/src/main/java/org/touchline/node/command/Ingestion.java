package org.touchline.node.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.InteractionValidator;
import org.touchline.domain.InvalidRecordException;
import org.touchline.domain.Problem;
import org.touchline.domain.Progress;
import org.touchline.domain.store.DeadLetter;
import org.touchline.domain.store.DeadLetterStore;
import org.touchline.ingest.MappedRecord;
import org.touchline.ingest.MappingException;
import org.touchline.ingest.NdjsonReader;
import org.touchline.ingest.SourceMapping;
import org.touchline.ingest.SourceReader;
import org.touchline.ingest.Utf8Lines;
import org.touchline.ingest.events.ReceivedEvent;
import org.touchline.node.Candidate;
import org.touchline.node.DeadLetterLimits;
import org.touchline.node.Outcome;
import org.touchline.node.Submissions;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Brings records in through the same path whatever their origin (a mapped file, the REST API, a resubmitted dead
 * letter): checked records go to the ledger, refused ones to the dead-letter store with their reasons. Nothing is
 * lost and, because the ledger is idempotent on (source, sourceRecordId), nothing is doubled by a second run.
 */
public final class Ingestion {
    public static final String ORIGIN_API = "api";
    public static final String ORIGIN_MAPPING = "mapping:";
    public static final int MAX_BATCH_LINES = 10_000;
    /** Records per submission, and submissions in flight: enough to keep the writer busy, bounded for the heap. */
    static final int CHUNK = 2_000;
    /**
     * Enough for a group being written, one sequenced behind it and a full group waiting (3 x 10,000 records, and more:
     * the queue bounds what waits). At 12 the reader waited for the oldest commit while the sequencer, finding only the
     * remainder queued, made every third group 6,000 records: 136 commits for 1,000,000 records. At 24, 121 commits and
     * 5-10 % more throughput in three alternated pairs (docs/benchmarks.md, "eighth sitting").
     */
    static final int IN_FLIGHT = 24;
    private final Submissions submissions;
    private final DeadLetterStore deadLetters;
    private final DeadLetterLimits deadLetterLimits;

    public Ingestion(Submissions submissions, DeadLetterStore deadLetters, DeadLetterLimits deadLetterLimits) {
        this.submissions = submissions;
        this.deadLetters = deadLetters;
        this.deadLetterLimits = deadLetterLimits;
    }

    /** Counts of one ingest run. */
    public record Report(long accepted, long duplicates, long rejected) {
        public long total() { return accepted + duplicates + rejected; }
    }

    public Report file(Path mappingFile, Path dataFile, Progress progress) throws IOException, MappingException {
        try (InputStream in = Files.newInputStream(dataFile)) {
            return source(mappingFile, dataFile.getFileName().toString(), in, Files.size(dataFile), progress);
        }
    }

    /**
     * A source file read from {@code in} through its mapping: the file on disk ({@link #file}) or one streamed to a
     * serving node. {@code name} names its records ({@code name row N}); {@code bytes}, if known (else -1), scales the
     * progress. Refused records become dead letters whose origin is the mapping file, so a resubmission maps them again.
     */
    public Report source(Path mappingFile, String name, InputStream in, long bytes, Progress progress) throws IOException, MappingException {
        SourceMapping mapping = SourceMapping.load(mappingFile);
        String origin = ORIGIN_MAPPING + mappingFile.toAbsolutePath().normalize();
        String phase = "ingest " + name;
        Run run = new Run("file:" + mapping.source(), origin, mapping.source());
        CountingStream counted = new CountingStream(in);
        SourceReader.read(mapping, name, counted, record -> {
            run.accept(record);
            if (run.seen % 5_000 == 0) progress.update(phase, counted.count, bytes);
        });
        Report r = run.finish();
        progress.update(phase, Math.max(bytes, counted.count), Math.max(bytes, counted.count));
        return r;
    }

    /** A file of Interaction v1 NDJSON, streamed line by line (a million-line file never sits in memory). */
    public Report ndjsonFile(Path file, Progress progress) throws IOException {
        long bytes = Files.size(file);
        String name = file.getFileName().toString(), phase = "ingest " + name;
        InteractionValidator validator = new InteractionValidator(Instant.now());
        Run run = new Run("file:ndjson", ORIGIN_API, null);
        try (InputStream raw = Files.newInputStream(file); CountingStream in = new CountingStream(raw)) {
            Utf8Lines lines = new Utf8Lines(in);
            long n = 0;
            while (lines.next()) {
                n++;
                if (lines.isBlank()) continue;
                run.accept(checked(name + " line " + n, lines, validator));
                if (n % 5_000 == 0) progress.update(phase, in.count, bytes);
            }
        }
        Report r = run.finish();
        progress.update(phase, bytes, bytes);
        return r;
    }

    /**
     * A line of a file: read from its bytes when it has the plain shape in plain ASCII (most lines), else decoded and
     * read as the API reads a record. The same record either way; only a plain line skips the decoded copy.
     */
    private static MappedRecord checked(String ref, Utf8Lines line, InteractionValidator validator) {
        Interaction plain = InteractionJson.parsePlain(line.bytes(), line.offset(), line.length(), Integer.MAX_VALUE);
        if (plain == null) return checked(ref, line.text(), validator);
        List<Problem> problems = validator.validate(ref, plain);
        return problems.isEmpty() ? new MappedRecord.Accepted(ref, plain) : new MappedRecord.Rejected(ref, line.text(), problems);
    }

    private static MappedRecord checked(String ref, String json, InteractionValidator validator) {
        try {
            var i = InteractionJson.parse(ref, json);
            List<Problem> problems = validator.validate(ref, i);
            return problems.isEmpty() ? new MappedRecord.Accepted(ref, i) : new MappedRecord.Rejected(ref, json, problems);
        } catch (InvalidRecordException e) {
            return new MappedRecord.Rejected(ref, json, e.problems());
        }
    }

    /** An NDJSON batch from the API: one outcome per line, in line order. */
    public List<Outcome> ndjson(String body, String submitter) {
        Run run = new Run(submitter, ORIGIN_API, null);
        run.keepOutcomes = true;
        NdjsonReader.read(body, MAX_BATCH_LINES, run::accept);
        run.finish();
        return run.outcomes;
    }

    /**
     * An NDJSON batch taken from a cluster's ordering topic: as {@link #ndjson}, but dates are checked against
     * {@code acceptedAt} (when the submitting node accepted it) and each record's salt is {@code saltOf} its record
     * reference ({@code line N}), both carried by the ordered message. Appending is then a function of the ledger and
     * the message alone, so every node that applies the same messages in the same order reaches the same root.
     */
    public List<Outcome> ordered(String body, String submitter, Instant acceptedAt, Function<String, byte[]> saltOf) {
        Run run = new Run(submitter, ORIGIN_API, null);
        run.keepOutcomes = true;
        run.now = acceptedAt;
        run.saltOf = c -> saltOf.apply(c.recordRef());
        NdjsonReader.read(body, MAX_BATCH_LINES, acceptedAt, run::accept);
        run.finish();
        return run.outcomes;
    }

    /** A single Interaction v1 JSON object from the API. */
    public Outcome one(String json, String submitter) {
        MappedRecord record = checked("record", json, new InteractionValidator(Instant.now()));
        Run run = new Run(submitter, ORIGIN_API, null);
        run.keepOutcomes = true;
        run.accept(record);
        run.finish();
        return run.outcomes.get(0);
    }

    /**
     * Standard events that arrived over HTTP (Segment, CloudEvents, webhooks), mapped: one outcome per event, in order.
     * A refused event's dead letter names the origin it gives, so one a mapping read is mapped again on resubmission.
     * An accepted event that names an organisation party (a Segment group call) makes its subject a member of that
     * organisation: an {@code employee} relationship, recorded once, which never merges (docs/identity.md).
     */
    /**
     * Keeps a message that could not even be read as a record (an ordered message from the cluster's topic, say) as
     * an open dead letter naming the problem, so it is listed and corrected with the others.
     */
    public void refuseUnread(Instant at, String origin, String recordRef, String raw, Problem problem) {
        String problems;
        try {
            problems = InteractionJson.MAPPER.writeValueAsString(List.of(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        deadLetters.add(List.of(new DeadLetter(0, at, null, origin, recordRef, raw, problems, DeadLetter.OPEN)));
    }

    /** Standard events (Segment, CloudEvents, signed webhooks) read into records, one outcome each, in order. */
    public List<Outcome> events(List<ReceivedEvent> events, String submitter) {
        Run run = new Run(submitter, ORIGIN_API, null);
        run.keepOutcomes = true;
        for (ReceivedEvent e : events) run.accept(e.record(), e.origin(), e.source());
        run.finish();
        return run.outcomes;
    }

    /**
     * Tries a dead letter again, as it was (after the mapping was fixed) or with a corrected record in the same
     * format. A letter that now passes is marked resubmitted; one that fails again stays open and a new letter holds
     * the new reasons.
     */
    public Outcome resubmit(long id, String correctedRaw) throws IOException, MappingException {
        DeadLetter d = deadLetters.get(id).orElseThrow(() -> new NoSuchElementException("no dead letter " + id));
        if (!d.status().equals(DeadLetter.OPEN)) throw new IllegalArgumentException("dead letter " + id + " was already resubmitted");
        String raw = correctedRaw != null ? correctedRaw : d.raw();
        Outcome outcome;
        if (d.origin().startsWith(ORIGIN_MAPPING)) {
            SourceMapping mapping = SourceMapping.load(Path.of(d.origin().substring(ORIGIN_MAPPING.length())));
            Run run = new Run("resubmit:" + mapping.source(), d.origin(), mapping.source());
            run.keepOutcomes = true;
            run.accept(SourceReader.remap(mapping, d.recordRef(), raw));
            run.finish();
            outcome = run.outcomes.get(0);
        } else {
            outcome = one(raw, "resubmit:api");
        }
        if (outcome.status() != Outcome.Status.REJECTED) deadLetters.markResubmitted(id);
        return outcome;
    }

    /** One pass of records through the node, pipelined: up to {@link #IN_FLIGHT} chunks in the writer's queue. */
    private final class Run {
        final String submitter, origin, source;
        final List<Candidate> chunk = new ArrayList<>();
        final List<DeadLetter> letters = new ArrayList<>();
        final Deque<CompletableFuture<List<Outcome>>> inFlight = new ArrayDeque<>();
        final List<Outcome> outcomes = new ArrayList<>();
        /** Positions of rejected records among all outcomes, so API answers keep line order. */
        final List<Integer> rejectedAt = new ArrayList<>();
        final List<Outcome> rejected = new ArrayList<>();
        /** Open letters per quota key, read once per run; records refused past the quota, counted. */
        final Map<String, Long> openOf = new HashMap<>(), overQuota = new HashMap<>();
        boolean keepOutcomes;
        /** When refused records were received, and where salts come from: the clock and the vault unless ordered. */
        Instant now;
        Function<Candidate, byte[]> saltOf;
        long seen, accepted, duplicates, refused;

        Run(String submitter, String origin, String source) {
            this.submitter = submitter;
            this.origin = origin;
            this.source = source;
        }

        void accept(MappedRecord record) { accept(record, origin, source); }

        /** {@code origin} and {@code source}: what a refused record's dead letter says of where it came from. */
        void accept(MappedRecord record, String origin, String source) {
            seen++;
            if (record instanceof MappedRecord.Accepted a) {
                String undecodable = undecodable(a.interaction());
                if (undecodable != null) {
                    List<Problem> p = List.of(new Problem(a.recordRef(), undecodable, "is not valid UTF-8 in the source (it decodes to U+FFFD): "
                            + "fix the source's encoding; two different ids would otherwise read the same"));
                    letters.add(new DeadLetter(0, now != null ? now : Instant.now(), source, origin, a.recordRef(),
                            deadLetterLimits.kept(InteractionJson.toJson(a.interaction()).toString()), problemsJson(p), DeadLetter.OPEN));
                    refuse(a.recordRef(), p, a.interaction());
                    return;
                }
                chunk.add(new Candidate(a.recordRef(), a.interaction()));
                if (chunk.size() >= CHUNK) flushChunk();
            } else if (record instanceof MappedRecord.Rejected r) {
                List<Problem> problems = r.problems();
                DeadLetterLimits limits = deadLetterLimits;
                String quotaKey = source != null ? source : origin;
                long open = openOf.computeIfAbsent(quotaKey, deadLetters::openOf);
                if (open >= limits.openPerSource()) {
                    overQuota.merge(quotaKey, 1L, Long::sum);
                    problems = new ArrayList<>(problems);
                    problems.add(new Problem(r.recordRef(), "(dead letters)", quotaKey + " has " + open + " open dead letters, its quota ("
                            + DeadLetterLimits.FILE + "): this record is counted, not kept; correct and resubmit the open ones"));
                } else {
                    openOf.put(quotaKey, open + 1);
                    String kept = limits.kept(r.raw());
                    List<Problem> stored = problems;
                    if (kept != null && kept.length() < r.raw().length()) {
                        stored = new ArrayList<>(problems);
                        stored.add(new Problem(r.recordRef(), "(dead letter)", "only the first " + kept.length() + " of " + r.raw().length()
                                + " characters are kept: resubmit it with the corrected record"));
                    }
                    letters.add(new DeadLetter(0, now != null ? now : Instant.now(), source, origin, r.recordRef(), kept, problemsJson(stored), DeadLetter.OPEN));
                }
                refuse(r.recordRef(), problems, null);
                if (letters.size() >= 1_000) flushLetters();
            }
        }

        /** {@code read}: the record as far as it could be read, or null (then only a mapping's source is known). */
        private void refuse(String recordRef, List<Problem> problems, Interaction read) {
            refused++;
            submissions.observer().refused(read != null ? read.source() : source, read != null ? read.channel() : null);
            if (keepOutcomes) {
                rejectedAt.add((int) seen - 1);
                rejected.add(Outcome.rejected(recordRef, problems));
            }
        }

        /**
         * The first field holding U+FFFD, the character a decoder puts where the source's bytes were not UTF-8 (files
         * are read leniently so that one bad record does not stop the rest), or null.
         */
        private static String undecodable(Interaction i) {
            if (bad(i.sourceRecordId())) return "sourceRecordId";
            if (bad(i.source())) return "source";
            if (bad(i.channel())) return "channel";
            if (bad(i.type())) return "type";
            if (bad(i.agentId())) return "agentId";
            if (bad(i.text())) return "text";
            for (int k = 0; k < i.identifiers().size(); k++) if (bad(i.identifiers().get(k).value())) return "identifiers[" + k + "].value";
            for (int p = 0; p < i.parties().size(); p++)
                for (int k = 0; k < i.parties().get(p).identifiers().size(); k++)
                    if (bad(i.parties().get(p).identifiers().get(k).value())) return "parties[" + p + "].identifiers[" + k + "].value";
            for (int k = 0; k < i.products().size(); k++) if (bad(i.products().get(k))) return "products[" + k + "]";
            for (var e : i.attributes().entrySet()) if (bad(e.getKey()) || bad(e.getValue())) return "attributes." + e.getKey();
            return null;
        }

        private static boolean bad(String s) { return s != null && s.indexOf('\uFFFD') >= 0; }

        private void flushChunk() {
            if (chunk.isEmpty()) return;
            inFlight.add(saltOf == null ? submissions.submit(submitter, List.copyOf(chunk)) : submissions.submit(submitter, List.copyOf(chunk), saltOf));
            chunk.clear();
            while (inFlight.size() > IN_FLIGHT) collect(inFlight.poll());
        }

        private void flushLetters() {
            deadLetters.add(List.copyOf(letters));
            letters.clear();
            overQuota.forEach(deadLetters::overQuota);
            overQuota.clear();
        }

        private void collect(CompletableFuture<List<Outcome>> f) {
            List<Outcome> done;
            try {
                done = f.join();
            } catch (CompletionException e) {
                // The store's own exception (a full disk, say), not the future's wrapper: callers answer by its type.
                if (e.getCause() instanceof RuntimeException cause) throw cause;
                throw e;
            }
            // A record naming an erased person is refused when its group is applied (see ErasedIdentifiers): nothing
            // of it is kept, not even a dead letter.
            for (Outcome o : done) {
                switch (o.status()) {
                    case ACCEPTED -> accepted++;
                    case DUPLICATE -> duplicates++;
                    case REJECTED -> refused++;
                }
                if (keepOutcomes) outcomes.add(o);
            }
        }

        Report finish() {
            flushChunk();
            while (!inFlight.isEmpty()) collect(inFlight.poll());
            flushLetters();
            for (int k = 0; k < rejectedAt.size(); k++) outcomes.add(rejectedAt.get(k), rejected.get(k));
            return new Report(accepted, duplicates, refused);
        }
    }

    static String problemsJson(List<Problem> problems) {
        try {
            return InteractionJson.MAPPER.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts bytes read, so a file's progress can be shown before its record count is known. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
