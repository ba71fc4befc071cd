package org.touchline.ingest;

import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.InteractionValidator;
import org.touchline.domain.InvalidRecordException;
import org.touchline.domain.Problem;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the body of a batch request: newline-delimited JSON, one Interaction v1 object per line (no mapping: the
 * sender already speaks Interaction v1). Each line is accepted or rejected on its own, named {@code line N}.
 *
 * <p>The line count is checked before any record is handed on, so an over-long batch is refused whole rather than
 * half-ingested.
 */
public final class NdjsonReader {
    private NdjsonReader() {}

    /** @throws TooManyLinesException when the body holds more than {@code maxLines} non-blank lines; nothing is emitted then */
    public static SourceReader.Stats read(String body, int maxLines, Consumer<MappedRecord> out) {
        return read(body, maxLines, Instant.now(), out);
    }

    /**
     * As {@link #read(String, int, Consumer)}, checking dates against {@code now} rather than the clock: a cluster
     * node replays a batch with the time it was accepted at, so every node decides the same.
     */
    public static SourceReader.Stats read(String body, int maxLines, Instant now, Consumer<MappedRecord> out) {
        try {
            return read(new StringReader(body), maxLines, now, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /** As {@link #read(String, int, Consumer)}, from a reader (not closed here). */
    public static SourceReader.Stats read(Reader body, int maxLines, Consumer<MappedRecord> out) throws IOException {
        return read(body, maxLines, Instant.now(), out);
    }

    private static SourceReader.Stats read(Reader body, int maxLines, Instant now, Consumer<MappedRecord> out) throws IOException {
        List<LineReader.Line> lines = new ArrayList<>();
        LineReader reader = new LineReader(body, Limits.MAX_RECORD_CHARS);
        for (LineReader.Line line; (line = reader.next()) != null; ) {
            if (!line.tooLong() && line.text().isBlank()) continue;
            if (lines.size() == maxLines) throw new TooManyLinesException(maxLines);
            lines.add(line);
        }
        InteractionValidator validator = new InteractionValidator(now);
        long accepted = 0;
        long rejected = 0;
        for (LineReader.Line line : lines) {
            MappedRecord r = map(line, validator);
            if (r instanceof MappedRecord.Accepted) accepted++;
            else rejected++;
            out.accept(r);
        }
        return new SourceReader.Stats(accepted, rejected);
    }

    private static MappedRecord map(LineReader.Line line, InteractionValidator validator) {
        String ref = "line " + line.number();
        if (line.tooLong())
            return reject(ref, line.text(), List.of(new Problem(ref, "(json)", "the line is longer than " + Limits.describeRecordLimit())));
        try {
            // Most lines take the one-pass reader; the rest are read as a tree, which names what is wrong.
            Interaction i = InteractionJson.parsePlain(line.text(), Limits.MAX_FIELDS);
            if (i == null) i = InteractionJson.fromJson(ref, BoundedJson.parseObject(line.text()));
            List<Problem> problems = validator.validate(ref, i);
            return problems.isEmpty() ? new MappedRecord.Accepted(ref, i) : reject(ref, line.text(), problems);
        } catch (FieldException e) {
            return reject(ref, line.text(), List.of(new Problem(ref, "(json)", "the line " + e.getMessage())));
        } catch (InvalidRecordException e) {
            return reject(ref, line.text(), e.problems());
        }
    }

    private static MappedRecord reject(String ref, String raw, List<Problem> problems) {
        return new MappedRecord.Rejected(ref, raw, problems);
    }
}
