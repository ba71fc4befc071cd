package org.touchline.ingest;

import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.InvalidRecordException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every source reader promises for any file at all, checked by the fuzz tests: it throws nothing; each record
 * comes out accepted, or rejected with its raw text and at least one reason in words; a rejected record can be
 * re-submitted as it was kept; and an accepted interaction survives its own JSON (what the ledger stores).
 */
final class ReaderPromise {
    private ReaderPromise() {}

    static List<MappedRecord> holdsFor(SourceMapping m, String fileName, byte[] file) {
        List<MappedRecord> out = new ArrayList<>();
        SourceReader.Stats stats;
        try {
            stats = SourceReader.read(m, fileName, new ByteArrayInputStream(file), out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("a file in memory cannot fail to be read", e);
        }
        assertThat(stats.total()).isEqualTo(out.size());
        for (MappedRecord r : out) holdsFor(m, r);
        return out;
    }

    static void holdsFor(SourceMapping m, MappedRecord r) {
        assertThat(r.recordRef()).isNotBlank();
        if (r instanceof MappedRecord.Rejected rejected) {
            assertThat(rejected.raw()).isNotNull();
            assertThat(rejected.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.field()).isNotNull(); // may be blank: a JSON key "" is named as it is
                assertThat(p.reason()).isNotBlank();
            });
            if (m != null) assertThat(SourceReader.remap(m, rejected.recordRef(), rejected.raw()).recordRef()).isEqualTo(rejected.recordRef());
        } else {
            survivesItsJson(((MappedRecord.Accepted) r).interaction());
        }
    }

    static void survivesItsJson(Interaction i) {
        try {
            assertThat(InteractionJson.parse("again", InteractionJson.toJsonLine(i))).isEqualTo(i);
        } catch (InvalidRecordException e) {
            throw new AssertionError("an accepted interaction does not parse from its own JSON: " + e.problems(), e);
        }
    }
}
