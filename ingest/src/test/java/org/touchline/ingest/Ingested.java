package org.touchline.ingest;

import org.touchline.domain.Interaction;
import org.touchline.domain.Problem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Everything a reader emitted for one input, for tests to look at. */
record Ingested(List<MappedRecord> all, SourceReader.Stats stats) {

    static Ingested read(SourceMapping m, String fileName, String content) {
        List<MappedRecord> all = new ArrayList<>();
        try {
            SourceReader.Stats stats = SourceReader.read(m, fileName, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), all::add);
            return new Ingested(all, stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceMapping mapping(String yaml) {
        try {
            return SourceMapping.parse("test.yaml", yaml);
        } catch (MappingException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    List<Interaction> accepted() {
        return all.stream().filter(r -> r instanceof MappedRecord.Accepted).map(r -> ((MappedRecord.Accepted) r).interaction()).toList();
    }

    List<MappedRecord.Rejected> rejected() {
        return all.stream().filter(r -> r instanceof MappedRecord.Rejected).map(r -> (MappedRecord.Rejected) r).toList();
    }

    Interaction onlyAccepted() {
        if (all.size() != 1 || !(all.get(0) instanceof MappedRecord.Accepted a)) throw new AssertionError("expected one accepted record, got " + all);
        return a.interaction();
    }

    MappedRecord.Rejected onlyRejected() {
        if (all.size() != 1 || !(all.get(0) instanceof MappedRecord.Rejected r)) throw new AssertionError("expected one rejected record, got " + all);
        return r;
    }

    List<Problem> problems() {
        return rejected().stream().flatMap(r -> r.problems().stream()).toList();
    }
}
