package org.touchline.node;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchline.node.NodeFixture.*;

/** verify recomputes everything from storage and names what was altered. */
class VerifyTest {
    @TempDir Path dir;

    @BeforeEach
    void fill() throws Exception {
        NodeFixture.fiveBatchesOfTwenty(dir);
    }

    private VerifyReport verifyAfter(String sql) throws Exception {
        try (NodeFixture f = new NodeFixture(dir)) {
            if (sql != null) f.store.database().write(s -> {
                s.execute(sql);
                return null;
            });
            return f.node.verify(Progress.NONE);
        }
    }

    @Test
    void anUntouchedLedgerVerifies() throws Exception {
        VerifyReport r = verifyAfter(null);
        assertThat(r.problems()).isEmpty();
        assertThat(r.entries()).isEqualTo(100);
        assertThat(r.checkpoints()).isEqualTo(5);
        assertThat(r.batches()).isEqualTo(5);
        assertThat(r.partsChecked()).isEqualTo(100);
        assertThat(r.firstBadIndex()).isEqualTo(-1);
    }

    @Test
    void anAlteredLeafIsNamed() throws Exception {
        VerifyReport r = verifyAfter("UPDATE entries SET leaf = CAST(replace(CAST(leaf AS TEXT), 'enquiry', 'complaint') AS BLOB) WHERE idx = 42");
        assertThat(r.firstBadIndex()).as(r.problems().toString()).isEqualTo(42);
        assertThat(r.problems()).anyMatch(p -> p.startsWith("entry 42:"));
        assertThat(r.problems()).anyMatch(p -> p.contains("checkpoint") && p.contains("root hash differs"));
    }

    @Test
    void anAlteredTreeHashIsNamed() throws Exception {
        // Entry 13's hash in the first tile (tile level 0, index 0: the leaf hashes of entries 0..99) replaced by zeros.
        VerifyReport r = verifyAfter("UPDATE tiles SET hashes = substr(hashes, 1, 13 * 32) || zeroblob(32) || substr(hashes, 14 * 32 + 1) WHERE id = 0");
        assertThat(r.firstBadIndex()).isEqualTo(13);
        assertThat(r.problems()).containsExactly("entry 13: the stored leaf hash differs from the hash of the stored entry (entry or tree hash altered)");
    }

    @Test
    void anAlteredPersonalPartIsNamed() throws Exception {
        VerifyReport r = verifyAfter("UPDATE vault SET ct = CAST(upper(CAST(ct AS TEXT)) AS BLOB) || x'00' WHERE idx = 77");
        assertThat(r.firstBadIndex()).isEqualTo(77);
        assertThat(r.problems()).singleElement().asString().startsWith("entry 77: the personal part was altered");
    }

    @Test
    void aPartMovedToAnotherEntryIsNamed() throws Exception {
        VerifyReport r = verifyAfter("UPDATE vault SET nonce = (SELECT nonce FROM vault WHERE idx = 5), ct = (SELECT ct FROM vault WHERE idx = 5) WHERE idx = 6");
        assertThat(r.firstBadIndex()).isEqualTo(6);
    }

    @Test
    void aSignedCheckpointThatWasRewrittenIsNamed() throws Exception {
        VerifyReport r = verifyAfter("UPDATE checkpoints SET note = replace(note, '\n60\n', '\n61\n') WHERE size = 60");
        assertThat(r.problems()).anyMatch(p -> p.startsWith("checkpoint at size 60"));
    }
}
