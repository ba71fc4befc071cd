package org.touchline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code touchline identity evaluate} on two small product catalogues, with and without answers. */
class IdentityEvaluateCommandTest {
    @TempDir Path dir;

    /** Two catalogues of 120 products, product i in both; the second writes names its own way and calls them "title". */
    private Path[] catalogues() throws Exception {
        Random random = new Random(1969);
        String[] brands = {"Sony", "Canon", "Bose", "Garmin"}, kinds = {"Camera", "Speaker", "Navigator", "Turntable"};
        StringBuilder a = new StringBuilder("id,name,price\n"), b = new StringBuilder("sku,title,price\n"),
                truth = new StringBuilder("idA,idB\n");
        for (int i = 0; i < 120; i++) {
            String brand = brands[i / 4 % brands.length], kind = kinds[i / 16 % kinds.length];
            String model = (char) ('A' + random.nextInt(26)) + "" + (char) ('A' + random.nextInt(26)) + (100 + random.nextInt(900));
            int price = 50 + random.nextInt(400);
            a.append(String.format(Locale.ROOT, "a%d,\"%s %s - %s\",$%d.00%n", i, brand, kind, model, price));
            b.append(String.format(Locale.ROOT, "b%d,\"%s %s-%s %s\",%d.99%n", i, brand, model.substring(0, 2), model.substring(2), kind, price));
            truth.append("a").append(i).append(",b").append(i).append('\n');
        }
        Path pa = dir.resolve("a.csv"), pb = dir.resolve("b.csv"), pt = dir.resolve("truth.csv"), config = dir.resolve("shop.yaml");
        Files.writeString(pa, a);
        Files.writeString(pb, b);
        Files.writeString(pt, truth);
        Files.writeString(config, """
                name: shops
                id: id
                sources:
                  - {name: shop}
                  - {name: marketplace, id: sku, columns: {name: title}}
                fields:
                  - {column: name, kind: weighted-text}
                  - {column: name, kind: model-number}
                  - {column: price, kind: amount}
                blocking: {rules: [rare2(name), codes(name)]}
                thresholds: {upper: 0.5, lower: 0.2}
                oneToOne: true
                """);
        return new Path[]{config, pa, pb, pt};
    }

    @Test
    void labelsPrintTheQuestionsAskedAndF1AtEachCount() throws Exception {
        Path[] f = catalogues();
        CommandRun run = CommandRun.of("identity", "evaluate", "--config", f[0].toString(), "--records", f[1].toString(),
                "--records-b", f[2].toString(), "--truth", f[3].toString(), "--labels", "0,10,20");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("240 records in two sources").contains("labels  precision  recall  F1")
                .containsPattern("(?m)^0 +\\d\\.\\d{4}").containsPattern("(?m)^10 +\\d\\.\\d{4}").containsPattern("(?m)^20 +\\d\\.\\d{4}")
                .containsPattern("asked a\\d+ ~ b\\d+ \\(p=\\d\\.\\d{3}\\): (same|different)");
    }

    @Test
    void aReviewQueueWrittenOutAndAnsweredIsLearntFrom() throws Exception {
        Path[] f = catalogues();
        Path reviews = dir.resolve("reviews.csv");
        CommandRun first = CommandRun.of("identity", "evaluate", "--config", f[0].toString(), "--records", f[1].toString(),
                "--records-b", f[2].toString(), "--truth", f[3].toString(), "--write-reviews", reviews.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(Files.readAllLines(reviews, StandardCharsets.UTF_8).get(0)).isEqualTo("first_id,second_id,decision,probability");
        Files.writeString(reviews, "first_id,second_id,decision\na1,b1,accept\na2,b3,reject\n");
        CommandRun second = CommandRun.of("identity", "evaluate", "--config", f[0].toString(), "--records", f[1].toString(),
                "--records-b", f[2].toString(), "--truth", f[3].toString(), "--reviewed", reviews.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("2 answers learnt from (1 accepted)");
    }

    @Test
    void anAnswerNamingAnUnknownRecordIsAClearError() throws Exception {
        Path[] f = catalogues();
        Path reviews = dir.resolve("reviews.csv");
        Files.writeString(reviews, "first_id,second_id,decision\na1,nope,accept\n");
        CommandRun run = CommandRun.of("identity", "evaluate", "--config", f[0].toString(), "--records", f[1].toString(),
                "--records-b", f[2].toString(), "--truth", f[3].toString(), "--reviewed", reviews.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("touchline: reviewed pair a1 / nope").doesNotContain("Exception");
    }
}
