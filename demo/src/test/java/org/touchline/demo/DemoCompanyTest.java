package org.touchline.demo;

import org.touchline.domain.Progress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Interaction;
import org.touchline.domain.InteractionJson;
import org.touchline.domain.InteractionValidator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCompanyTest {
    static final DemoSize SMALL = new DemoSize(100, 5_000, 18);

    @TempDir Path tmp;

    @Test
    void sameSeedWritesByteIdenticalFiles() throws Exception {
        assertThat(hashes(generate(tmp.resolve("a"), SMALL, 7))).isEqualTo(hashes(generate(tmp.resolve("b"), SMALL, 7)));
    }

    @Test
    void differentSeedWritesDifferentData() throws Exception {
        Map<String, String> a = hashes(generate(tmp.resolve("a"), SMALL, 7));
        Map<String, String> b = hashes(generate(tmp.resolve("b"), SMALL, 8));
        assertThat(a.get("digital.jsonl")).isNotEqualTo(b.get("digital.jsonl"));
        assertThat(a.get("crm.csv")).isNotEqualTo(b.get("crm.csv"));
    }

    @Test
    void writesAboutTheRequestedNumberOfInteractionsAcrossSevenSourcesAndTheIncidentFeed() throws Exception {
        List<SourceFile> files = generate(tmp, new DemoSize(200, 10_000, 18), 1);
        assertThat(files).extracting(SourceFile::source).containsExactly("crm", "callcentre", "pos", "digital", "engage", "fieldops", "social", "network");
        // Two outages, each with its restoration, and one recall: the simulation's external events.
        assertThat(files.get(7).records()).isEqualTo(5);
        long total = files.stream().mapToLong(SourceFile::records).sum() - files.get(7).records();
        assertThat(total).isBetween(9_700L, 10_300L);
        assertThat(files).allSatisfy(f -> assertThat(f.records()).isPositive());
    }

    @Test
    void writesEachSourcesMappingAsShippedInExamples() throws Exception {
        for (SourceFile f : generate(tmp, SMALL, 3)) {
            Path shipped = Path.of(System.getProperty("user.dir")).resolve("../examples/mappings").resolve(f.source() + ".yaml");
            assertThat(f.mapping()).hasSameBinaryContentAs(shipped);
        }
    }

    @Test
    void mappingsArePackagedAsClasspathResources() throws IOException {
        for (String s : List.of("crm", "callcentre", "pos", "digital", "engage", "fieldops", "social")) {
            try (InputStream in = DemoCompany.class.getResourceAsStream("/mappings/" + s + ".yaml")) {
                assertThat(in).as(s).isNotNull();
                assertThat(new String(in.readAllBytes())).contains("source: " + s);
            }
        }
    }

    @Test
    void jsonLinesFilesAreInTimeOrder() throws Exception {
        generate(tmp, SMALL, 5);
        long last = Long.MIN_VALUE;
        try (Stream<String> lines = Files.lines(tmp.resolve("digital.jsonl"))) {
            for (String line : (Iterable<String>) lines::iterator) {
                var node = InteractionJson.MAPPER.readTree(line.endsWith("}") ? line : "{}");
                if (node.path("ts").isNumber()) {
                    assertThat(node.get("ts").asLong()).isGreaterThanOrEqualTo(last);
                    last = node.get("ts").asLong();
                }
            }
        }
        assertThat(last).isLessThan(DemoCompany.END.atStartOfDay(ZoneId.of("Europe/London")).toInstant().toEpochMilli());
    }

    @Test
    void theHistoryRunsToTheDayBeforeTheEndGiven() {
        LocalDate end = LocalDate.of(2027, 3, 15);
        long[] last = {Long.MIN_VALUE};
        new DemoCompany(new DemoSize(300, 15_000, 12), 4, end).touches(Progress.NONE, t -> last[0] = Math.max(last[0], t.at()));

        assertThat(Instant.ofEpochMilli(last[0]).atZone(ZoneId.of("Europe/London")).toLocalDate())
                .isEqualTo(end.minusDays(1));
    }

    @Test
    void reportsProgressAtMostEveryPercentAndFinishesAtTheTotal() throws Exception {
        List<long[]> updates = new ArrayList<>();
        new DemoCompany(new DemoSize(200, 20_000, 18), 2).generate(tmp, (phase, done, total) -> {
            if (phase.equals("interactions")) updates.add(new long[] {done, total});
        });
        assertThat(updates.size()).isBetween(50, 110);
        for (int k = 1; k < updates.size() - 1; k++) assertThat(updates.get(k)[0] - updates.get(k - 1)[0]).isGreaterThanOrEqualTo(200);
        long[] lastUpdate = updates.get(updates.size() - 1);
        assertThat(lastUpdate[0]).isEqualTo(lastUpdate[1]).isBetween(19_000L, 21_000L);
    }

    @Test
    void householdsShareALandlineAcrossAccounts() throws Exception {
        generate(tmp, new DemoSize(200, 5_000, 18), 4);
        Map<String, Set<String>> accountsByLandline = new LinkedHashMap<>();
        List<String> rows = Files.readAllLines(tmp.resolve("crm.csv"));
        for (String line : rows.subList(1, rows.size())) {
            String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            if (f.length > 10 && !f[10].isEmpty() && !f[5].isEmpty()) accountsByLandline.computeIfAbsent(f[10], k -> new TreeSet<>()).add(f[5]);
        }
        assertThat(accountsByLandline.values()).anySatisfy(accounts -> assertThat(accounts).hasSizeGreaterThan(1));
    }

    @Test
    void benchFileHasExactlyTheLinesAskedForAllValidInteractions() throws Exception {
        Path file = DemoCompany.writeBenchFile(tmp.resolve("bench.ndjson"), 3_000, 9);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3_000);
        InteractionValidator validator = new InteractionValidator(Instant.parse("2026-11-22T00:00:00Z"));
        Set<String> channels = new TreeSet<>();
        for (int k = 0; k < lines.size(); k++) {
            Interaction i = InteractionJson.parse("line " + (k + 1), lines.get(k));
            assertThat(validator.validate("line " + (k + 1), i)).isEmpty();
            channels.add(i.channel());
        }
        assertThat(channels).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void benchFileIsTheSameForTheSameSeed() throws Exception {
        Path a = DemoCompany.writeBenchFile(tmp.resolve("a.ndjson"), 2_000, 11);
        Path b = DemoCompany.writeBenchFile(tmp.resolve("b.ndjson"), 2_000, 11);
        assertThat(a).hasSameBinaryContentAs(b);
    }

    static List<SourceFile> generate(Path dir, DemoSize size, long seed) throws IOException {
        return new DemoCompany(size, seed).generate(dir, Progress.NONE);
    }

    static Map<String, String> hashes(List<SourceFile> files) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (SourceFile f : files) {
            for (Path p : List.of(f.mapping(), f.data())) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                out.put(p.getFileName().toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
