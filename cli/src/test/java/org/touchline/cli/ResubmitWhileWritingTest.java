package org.touchline.cli;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.demo.DemoCompany;
import org.touchline.domain.EntryKind;
import org.touchline.domain.InteractionJson;
import org.touchline.node.Candidate;
import org.touchline.node.Node;
import org.touchline.node.NodeIdentity;
import org.touchline.node.Outcome;
import org.touchline.store.sqlite.SqliteStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client retrying a batch while the node is still writing it (the usual reaction to a timeout) must get
 * {@code DUPLICATE} answers pointing at the first copies, and the new records next to the retry must go in.
 *
 * <p>Regression test for a race in the two-stage appender: the sequencer asked the store which records it already had,
 * then looked each record up among the groups still in flight; a group committed in between was in neither place, its
 * records were sequenced a second time and the whole next group, new records included, failed with
 * {@code UNIQUE constraint failed: records.source, records.source_record_id}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResubmitWhileWritingTest {
    static final int ROUNDS = 5, RETRIED = 2_000, NEW = 8_000;

    @Test
    void aBatchRetriedWhileItIsBeingWrittenIsAnsweredAsDuplicates(@TempDir Path dir) throws Exception {
        Path file = DemoCompany.writeBenchFile(dir.resolve("retry.ndjson"), ROUNDS * (RETRIED + NEW), 11);
        List<Candidate> all = new ArrayList<>();
        for (String line : Files.readAllLines(file)) all.add(new Candidate("line " + (all.size() + 1), InteractionJson.parse("line", line)));
        Path data = dir.resolve("node");
        try (SqliteStore store = new SqliteStore(data)) {
            Node node = new Node(NodeIdentity.openOrCreate(data, null), store.ledger(), store.projections(), store.deadLetters());
            try {
                for (int round = 0, from = 0; round < ROUNDS; round++, from += RETRIED + NEW) {
                    List<Candidate> first = all.subList(from, from + RETRIED);
                    List<Candidate> retry = new ArrayList<>(all.subList(from + RETRIED, from + RETRIED + NEW));
                    retry.addAll(first); // new records, then the retried ones: the retry is looked at while `first` is written
                    CompletableFuture<List<Outcome>> a = node.submit("client", first);
                    Thread.sleep(20); // let the first batch be taken as a group of its own
                    CompletableFuture<List<Outcome>> b = node.submit("client", retry);
                    List<Outcome> answers = a.get(60, TimeUnit.SECONDS), again = b.get(60, TimeUnit.SECONDS);
                    assertThat(answers).allMatch(o -> o.status() == Outcome.Status.ACCEPTED);
                    assertThat(again.subList(0, NEW)).allMatch(o -> o.status() == Outcome.Status.ACCEPTED);
                    for (int k = 0; k < RETRIED; k++) {
                        Outcome o = again.get(NEW + k);
                        assertThat(o.status()).isEqualTo(Outcome.Status.DUPLICATE);
                        assertThat(o.index()).isEqualTo(answers.get(k).index());
                    }
                }
                long[] interactions = {0};
                store.ledger().scanLeaves(0, store.ledger().size(), (i, leaf) -> {
                    if (EntryKind.of(leaf) == EntryKind.INTERACTION) interactions[0]++;
                });
                assertThat(interactions[0]).isEqualTo(all.size());
                assertThat(node.verify(Progress.NONE).ok()).isTrue();
            } finally {
                node.close();
            }
        }
    }
}
