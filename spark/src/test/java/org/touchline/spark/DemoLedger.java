package org.touchline.spark;

import org.touchline.demo.DemoCompany;
import org.touchline.demo.DemoSize;
import org.touchline.demo.SourceFile;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.Progress;
import org.touchline.node.Candidate;
import org.touchline.node.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The ledger the jobs are tried on: a small demo company ingested through a node, plus one person the online resolver
 * left as two customers (her records arrived in an order that gave the two halves nothing to block on until a third
 * came), and every other customer allowing analytics, so the journeys job must count only them.
 */
record DemoLedger(Path data, String harrietWithDob, String harrietWithPostcode) {
    static DemoLedger create(Path dir) throws Exception {
        Path data = dir.resolve("node");
        List<SourceFile> files = new DemoCompany(new DemoSize(60, 1_000, 6), 7).generate(dir.resolve("sources"), Progress.NONE);
        try (OpenNode open = OpenNode.create(data)) {
            Node node = open.node();
            for (SourceFile f : files) node.ingestion().file(f.mapping(), f.data(), Progress.NONE);
            // Harriet: first with a date of birth, then with a postcode (nothing to block on between the two), then with both.
            append(node, harriet("h1", "2026-10-01T09:00:00Z", "h1@example.com", new Identifier("date_of_birth", "1971-03-14")));
            append(node, harriet("h2", "2026-10-02T09:00:00Z", "h2@example.com", new Identifier("postcode", "LS6 2QT"),
                    new Identifier("address", "14 Cardigan Road Headingley")));
            append(node, harriet("h3", "2026-10-03T09:00:00Z", "h3@example.com", new Identifier("date_of_birth", "1971-03-14"),
                    new Identifier("postcode", "LS6 2QT"), new Identifier("address", "14 Cardigan Road Headingley")));
            String withDob = node.customers().findByIdentifier(new Identifier("email", "h1@example.com")).orElseThrow();
            String withPostcode = node.customers().findByIdentifier(new Identifier("email", "h2@example.com")).orElseThrow();
            TreeSet<String> customers = new TreeSet<>();
            node.projections().allTimeline("subject", r -> customers.add(r.customerId()));
            int k = 0;
            for (String c : customers) if (k++ % 2 == 0) node.customerEvents().consent(c, "analytics", "granted", "web", "test");
            return new DemoLedger(data, withDob, withPostcode);
        }
    }

    /** A copy of the node's data directory, for a test that changes the ledger. */
    Path copyTo(Path to) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(data.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }

    private static Interaction harriet(String id, String at, String email, Identifier... more) {
        List<Identifier> ids = new ArrayList<>(List.of(new Identifier("name", "Harriet Quinlan"), new Identifier("email", email)));
        ids.addAll(List.of(more));
        return new Interaction(null, "web", id, Instant.parse(at), "web", "page_view", ids, List.of(), null, List.of(), null, null, Map.of());
    }

    private static void append(Node node, Interaction i) {
        node.submitAndWait("test", List.of(new Candidate(i.sourceRecordId(), i)));
    }
}
