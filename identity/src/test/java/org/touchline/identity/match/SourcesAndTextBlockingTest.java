package org.touchline.identity.match;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchline.domain.Progress;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sources that name and encode their columns differently; blocking on rare words and codes. */
class SourcesAndTextBlockingTest {
    private static MatchConfig config(String yaml) throws Exception {
        return MatchConfig.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String TWO_SOURCES = """
            name: shops
            id: id
            sources:
              - {name: abt, encoding: ISO-8859-1}
              - {name: buy, id: sku, encoding: UTF-8, columns: {name: [brand, title], price: cost}}
            fields:
              - {column: name, kind: weighted-text}
              - {column: price, kind: amount}
            blocking: {rules: [codes(name)]}
            """;

    @Test
    void eachSourceIsReadWithItsOwnColumnsIdAndEncoding(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv"), b = dir.resolve("b.csv");
        Files.write(a, "id,name,price\n1,\"Café Machine - CM-200X\",$99.00\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(b, "sku,brand,title,cost\nS9,Café,Machine CM200X,97.50\n", StandardCharsets.UTF_8);
        MatchConfig cfg = config(TWO_SOURCES);
        MatchRecord first = CsvRecords.read(a, cfg, 0).get(0), second = CsvRecords.read(b, cfg, 1).get(0);
        assertThat(first.id()).isEqualTo("1");
        assertThat(first.value("name")).isEqualTo("Café Machine - CM-200X");
        assertThat(second.id()).isEqualTo("S9");
        assertThat(second.value("name")).isEqualTo("Café Machine CM200X");
        assertThat(second.value("price")).isEqualTo("97.50");
        MatchRun run = ProbabilisticMatcher.of(cfg).run(List.of(first, second), true, Progress.NONE);
        assertThat(run.candidates().size()).isEqualTo(1); // both give the code cm200x
    }

    @Test
    void aMappedColumnTheFileLacksIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path b = dir.resolve("b.csv");
        Files.writeString(b, "sku,title,cost\nS9,Machine,97.50\n");
        assertThatThrownBy(() -> CsvRecords.read(b, config(TWO_SOURCES), 1)).hasMessageContaining("buy")
                .hasMessageContaining("field 'name'").hasMessageContaining("column 'brand'");
    }

    @Test
    void anUnknownEncodingIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "id,name\n1,x\n");
        MatchConfig cfg = config(TWO_SOURCES.replace("ISO-8859-1", "latin-99"));
        assertThatThrownBy(() -> CsvRecords.read(a, cfg, 0)).hasMessageContaining("unknown encoding 'latin-99'");
    }

    @Test
    void withoutSourcesBothFilesUseTheConfigsIdAndEncoding() throws Exception {
        MatchConfig cfg = config("id: rec\nencoding: auto\nfields: [{column: name, kind: text}]\nblocking: {rules: [name]}\n");
        assertThat(cfg.source(1).id()).isEqualTo("rec");
        assertThat(cfg.source(1).encoding()).isEqualTo("auto");
        assertThat(cfg.source(1).columns()).isEmpty();
    }

    @Test
    void rareWordBlocksHoldTheRecordsThatShareARareWord() {
        List<MatchRecord> records = List.of(
                new MatchRecord("1", 0, Map.of("name", "Sony Turntable Belt Drive")),
                new MatchRecord("2", 1, Map.of("name", "Sony Belt Drive Turntable PSLX")),
                new MatchRecord("3", 1, Map.of("name", "Sony Camera")),
                new MatchRecord("4", 0, Map.of("name", "Sony Camera Zoom")),
                new MatchRecord("5", 1, Map.of("name", "Sony Television")));
        BlockingRule rule = BlockingRule.parse("rare1(name)").fitted(records);
        // "sony" is in every record, so it is never the rarest: no block of all five.
        assertThat(rule.keys(records.get(0))).hasSize(1).doesNotContain("sony");
        CandidatePairs pairs = new Blocking(List.of(BlockingRule.parse("rare2(name)")), 100)
                .candidates(records, true, Progress.NONE);
        assertThat(pairs.contains(0, 1)).isTrue();
        assertThat(pairs.contains(2, 3)).isTrue();
        assertThat(pairs.contains(0, 4)).isFalse();
    }

    @Test
    void codeBlocksJoinCodesWrittenDifferently() {
        List<MatchRecord> records = List.of(
                new MatchRecord("1", 0, Map.of("name", "Sony Turntable - PSLX350H")),
                new MatchRecord("2", 1, Map.of("name", "Sony PS-LX350H Belt-Drive Turntable")),
                new MatchRecord("3", 1, Map.of("name", "Sony Turntable - PSLX250H")));
        CandidatePairs pairs = new Blocking(List.of(BlockingRule.parse("codes(name)")), 100).candidates(records, true, Progress.NONE);
        assertThat(pairs.size()).isEqualTo(1);
        assertThat(pairs.contains(0, 1)).isTrue();
    }

    @Test
    void codeBlocksJoinCodesThatDifferInTheirSuffix() {
        List<MatchRecord> records = List.of(
                new MatchRecord("1", 0, Map.of("name", "Canon PowerShot Silver Digital Camera - SD990IS")),
                new MatchRecord("2", 1, Map.of("name", "Canon PowerShot SD990 IS 14 Megapixel Digital Camera")),
                new MatchRecord("3", 0, Map.of("name", "Canon Printer Black Ink Cartridge - CLI221BLK")),
                new MatchRecord("4", 1, Map.of("name", "Canon CLI-221 Black Ink Cartridge")));
        CandidatePairs pairs = new Blocking(List.of(BlockingRule.parse("codes(name)")), 100).candidates(records, true, Progress.NONE);
        assertThat(pairs.contains(0, 1)).isTrue();
        assertThat(pairs.contains(2, 3)).isTrue();
        assertThat(pairs.size()).isEqualTo(2);
    }

    @Test
    void aCorpusKeyUsedUnfittedSaysSo() {
        MatchRecord r = new MatchRecord("1", 0, Map.of("name", "Sony"));
        assertThatThrownBy(() -> BlockingRule.parse("codes(name)").keys(r)).hasMessageContaining("fit it to the records");
    }
}
