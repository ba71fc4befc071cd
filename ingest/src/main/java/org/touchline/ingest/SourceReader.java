package org.touchline.ingest;

import org.touchline.domain.Problem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads a source file through its mapping into one stream of checked records: every record comes out either accepted
 * (mapped and valid) or rejected with its raw text and every reason. Files are streamed: memory does not grow with the
 * file, only with the largest record (bounded, see ingest/README.md "Limits").
 */
public final class SourceReader {

    /** How many records of a file were accepted and rejected. */
    public record Stats(long accepted, long rejected) {
        public long total() { return accepted + rejected; }
    }

    private SourceReader() {}

    /** Reads a file; records are named after the file's name, e.g. {@code calls.csv line 17}. */
    public static Stats read(SourceMapping m, Path file, Consumer<MappedRecord> out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(m, file.getFileName().toString(), in, out);
        }
    }

    /** Reads a stream (not closed here); {@code fileName} names its records. CSV and JSON Lines are read as UTF-8. */
    public static Stats read(SourceMapping m, String fileName, InputStream in, Consumer<MappedRecord> out) throws IOException {
        RecordMapper mapper = new RecordMapper(m, Instant.now());
        Counting sink = new Counting(mapper, out);
        readFormat(m, fileName, in, sink);
        return new Stats(sink.accepted, sink.rejected);
    }

    /**
     * Maps one dead-letter record again, e.g. after its mapping was corrected: {@code raw} is the text a
     * {@link MappedRecord.Rejected} carried, and the result is named {@code recordRef} as before.
     */
    public static MappedRecord remap(SourceMapping m, String recordRef, String raw) {
        RecordMapper mapper = new RecordMapper(m, Instant.now());
        List<MappedRecord> found = new ArrayList<>(1);
        RecordSink sink = new RecordSink() {
            @Override public void record(String ref, Supplier<String> text, SourceRecord record) {
                found.add(mapper.map(recordRef, () -> raw, record));
            }

            @Override public void unreadable(String ref, String text, String field, String reason) {
                found.add(new MappedRecord.Rejected(recordRef, raw, List.of(new Problem(recordRef, field, reason))));
            }
        };
        try {
            readFormat(m, recordRef, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), sink);
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
        if (found.size() == 1) return found.get(0);
        String reason = found.isEmpty() ? "holds no record" : "holds " + found.size() + " records; re-submit them one at a time";
        return new MappedRecord.Rejected(recordRef, raw, List.of(new Problem(recordRef, "(raw)", reason)));
    }

    private static void readFormat(SourceMapping m, String fileName, InputStream in, RecordSink sink) throws IOException {
        switch (m.format()) {
            case CSV -> CsvSource.read(m, fileName, utf8(in), sink);
            case JSONL -> JsonLinesSource.read(m, fileName, utf8(in), sink);
            case XML -> XmlSource.read(m, fileName, in, sink); // the parser reads the encoding from the XML declaration
        }
    }

    private static Reader utf8(InputStream in) { return new InputStreamReader(in, StandardCharsets.UTF_8); }

    /** Maps each record, counts the outcome and hands it on. */
    private static final class Counting implements RecordSink {
        private final RecordMapper mapper;
        private final Consumer<MappedRecord> out;
        long accepted;
        long rejected;

        Counting(RecordMapper mapper, Consumer<MappedRecord> out) {
            this.mapper = mapper;
            this.out = out;
        }

        @Override public void record(String ref, Supplier<String> raw, SourceRecord record) {
            emit(mapper.map(ref, raw, record));
        }

        @Override public void unreadable(String ref, String raw, String field, String reason) {
            emit(new MappedRecord.Rejected(ref, raw, List.of(new Problem(ref, field, reason))));
        }

        private void emit(MappedRecord r) {
            if (r instanceof MappedRecord.Accepted) accepted++;
            else rejected++;
            out.accept(r);
        }
    }
}
