package org.touchline.demo;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Identifier;
import org.touchline.domain.Interaction;
import org.touchline.domain.PartyRole;
import org.touchline.ingest.MappedRecord;
import org.touchline.ingest.SourceMapping;
import org.touchline.ingest.SourceReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo company read back through its own source mappings by the ingest module, as a user would. */
class DemoIngestTest {
    @TempDir static Path dir;
    static List<SourceFile> files;
    static final Map<String, SourceMapping> mappings = new TreeMap<>();
    static final List<Interaction> accepted = new ArrayList<>();
    static final List<MappedRecord.Rejected> rejected = new ArrayList<>();

    @BeforeAll
    static void generateAndRead() throws Exception {
        files = new DemoCompany(new DemoSize(200, 10_000, 18), 2026).generate(dir, Progress.NONE);
        for (SourceFile f : files) {
            SourceMapping m = SourceMapping.load(f.mapping());
            mappings.put(f.source(), m);
            SourceReader.read(m, f.data(), r -> {
                if (r instanceof MappedRecord.Accepted a) accepted.add(a.interaction());
                else rejected.add((MappedRecord.Rejected) r);
            });
        }
    }

    @Test
    void atLeast99PercentAreAcceptedAndOnlyTheDeliberatelyBrokenAreRefused() {
        long total = accepted.size() + rejected.size();
        assertThat(total).isEqualTo(files.stream().mapToLong(SourceFile::records).sum());
        assertThat((double) accepted.size() / total).isGreaterThanOrEqualTo(0.99);
        assertThat(rejected).isNotEmpty();
        assertThat((double) rejected.size() / total).isLessThan(0.008);
    }

    @Test
    void everySourceHasRecordsRefusedWithReasonsForTheDeadLetterQueue() {
        Map<String, Long> bySource = new TreeMap<>();
        for (MappedRecord.Rejected r : rejected) {
            assertThat(r.problems()).isNotEmpty();
            assertThat(r.raw()).isNotBlank();
            bySource.merge(r.recordRef().replaceAll("[. ].*", ""), 1L, Long::sum);
        }
        assertThat(bySource.keySet()).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void acceptedInteractionsComeFromSevenSourcesAndTheIncidentFeedInAtLeastNineChannels() {
        Set<String> sources = new TreeSet<>(), channels = new TreeSet<>();
        for (Interaction i : accepted) {
            sources.add(i.source());
            channels.add(i.channel());
        }
        assertThat(sources).hasSize(8).contains("network");
        assertThat(channels).hasSizeGreaterThanOrEqualTo(9)
                .contains("call_centre", "store", "web", "app", "email", "chat", "social", "field_service", "external");
    }

    @Test
    void everyAcceptedTypeHasAJourneyStageInItsMapping() {
        for (Interaction i : accepted)
            assertThat(mappings.get(i.source()).stages()).as(i.source()).containsKey(i.type());
    }

    @Test
    void relativesBuyInStoresForSomeoneElse() {
        List<Interaction> proxies = accepted.stream().filter(i -> roles(i).containsAll(Set.of("actor", "beneficiary"))).toList();
        assertThat(proxies).isNotEmpty().allSatisfy(i -> assertThat(i.channel()).isEqualTo("store"));
        // The person at the till is not the person the purchase is for.
        assertThat(proxies).anySatisfy(i -> assertThat(party(i, "actor")).doesNotContainAnyElementsOf(party(i, "beneficiary")));
        assertThat(proxies).anySatisfy(i -> assertThat(party(i, "beneficiary")).extracting(Identifier::type).contains("account"));
    }

    @Test
    void phonesWrittenDifferentlyBySourcesNormaliseToTheSameNumber() throws Exception {
        Map<String, Set<String>> rawByNumber = new HashMap<>();
        collectColumn(dir.resolve("crm.csv"), ",", 9, rawByNumber);          // +44 7700 900123
        collectColumn(dir.resolve("callcentre.csv"), ";", 3, rawByNumber);   // 07700900123, 00447700900123...
        long writtenSeveralWays = rawByNumber.values().stream().filter(s -> s.size() > 1).count();
        assertThat(writtenSeveralWays).isGreaterThan(20);
        Map<String, Set<String>> sourcesByPhone = new HashMap<>();
        for (Interaction i : accepted)
            for (Identifier id : i.allIdentifiers())
                if (id.type().equals("phone")) sourcesByPhone.computeIfAbsent(id.value(), k -> new TreeSet<>()).add(i.source());
        assertThat(sourcesByPhone.values()).anySatisfy(s -> assertThat(s).contains("crm", "callcentre", "fieldops"));
    }

    @Test
    void oneCustomerIsSeenThroughManySourcesIdentifiers() {
        // Email links CRM, digital orders, engage and POS receipts; the CRM id links CRM and engage.
        Map<String, Set<String>> sourcesByEmail = new HashMap<>();
        for (Interaction i : accepted)
            for (Identifier id : i.allIdentifiers())
                if (id.type().equals("email")) sourcesByEmail.computeIfAbsent(id.value(), k -> new TreeSet<>()).add(i.source());
        assertThat(sourcesByEmail.values()).anySatisfy(s -> assertThat(s).contains("crm", "digital", "engage", "pos"));
    }

    private static void collectColumn(Path csv, String delimiter, int column, Map<String, Set<String>> out) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(delimiter + "(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            if (f.length <= column || f[column].isBlank()) continue;
            out.computeIfAbsent(new Identifier("phone", f[column]).value(), k -> new TreeSet<>()).add(f[column]);
        }
    }

    private static Set<String> roles(Interaction i) {
        Set<String> r = new TreeSet<>();
        for (PartyRole p : i.parties()) r.add(p.role());
        return r;
    }

    private static List<Identifier> party(Interaction i, String role) {
        return i.parties().stream().filter(p -> p.role().equals(role)).flatMap(p -> p.identifiers().stream()).toList();
    }
}
