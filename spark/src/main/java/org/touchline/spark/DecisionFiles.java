package org.touchline.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.touchline.domain.IdentityDecision;
import org.touchline.node.Node;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Decisions of a batch run on their way back to the ledger, in the ledger's own format: each line is an identity
 * decision entry exactly as a leaf holds it ({@link IdentityDecision#leaf}, RFC 8785 JSON). {@code decisions/} holds
 * the links, as accepted reviews about no review entry by {@link BatchResolver#ACTOR}; {@link #apply} records them
 * through {@code IdentityCommands.acceptBatchMatch}, which merges as an accepted review does. {@code reviews/} holds the
 * pairs between the thresholds, as review entries: a report for a person, not recorded (a review is a decision the
 * online resolver derives while replaying, which a batch pair is not).
 */
final class DecisionFiles {
    static final String DECISIONS = "decisions", REVIEWS = "reviews", CLUSTERS = "clusters";

    private DecisionFiles() {}

    /** Writes a run's links, reviews and clusters under {@code out}, in customer-id order. */
    static void write(BatchResolver.Run run, String out) {
        lines(run.links(), out + "/" + DECISIONS);
        lines(run.reviews(), out + "/" + REVIEWS);
        run.clusters().orderBy("cluster", "customer").write().mode(SaveMode.Overwrite).parquet(out + "/" + CLUSTERS);
    }

    private static void lines(Dataset<Row> pairs, String dir) {
        pairs.orderBy("a", "b").select("leaf").write().mode(SaveMode.Overwrite).text(dir);
    }

    /** What {@link #apply} did. */
    record Applied(long recorded, long alreadyOne, List<String> refused) {}

    /** Records the link decisions in {@code dir} on the node's ledger, in file order. */
    static Applied apply(Node node, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": no such directory (give the 'decisions' directory a resolve run wrote)");
        List<Path> parts;
        try (Stream<Path> s = Files.list(dir)) {
            parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        long recorded = 0, alreadyOne = 0;
        List<String> refused = new ArrayList<>();
        for (Path part : parts) {
            try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
                String line;
                int no = 0;
                while ((line = in.readLine()) != null) {
                    no++;
                    if (line.isBlank()) continue;
                    IdentityDecision d = link(line, part.getFileName() + " line " + no);
                    try {
                        long index = node.identityCommands().acceptBatchMatch(d.customerId(), d.otherCustomerId(), d.score(), d.rule(), d.actor());
                        if (index < 0) alreadyOne++;
                        else recorded++;
                    } catch (IllegalStateException | NoSuchElementException e) {
                        refused.add(d.customerId() + " ~ " + d.otherCustomerId() + ": " + e.getMessage());
                    }
                }
            }
        }
        return new Applied(recorded, alreadyOne, refused);
    }

    private static IdentityDecision link(String line, String where) {
        IdentityDecision d;
        try {
            d = IdentityDecision.parse(line.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        if (!IdentityDecision.REVIEW_ACCEPTED.equals(d.kind()) || d.about() != -1)
            throw new IllegalArgumentException(where + ": field 'decision': a batch link is '" + IdentityDecision.REVIEW_ACCEPTED
                    + "' about no entry, not '" + d.kind() + "'");
        if (d.customerId() == null || d.otherCustomerId() == null)
            throw new IllegalArgumentException(where + ": fields 'customer' and 'other' are required");
        return d;
    }
}
