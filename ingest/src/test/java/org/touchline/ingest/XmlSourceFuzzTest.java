package org.touchline.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Any XML file, read through a mapping of element paths and attributes: the reader keeps its promise
 * ({@link ReaderPromise}); a DTD - the way into external entities and entity expansion - is refused before anything is
 * read from it. Corpus: {@code XmlSourceFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class XmlSourceFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void everyRecordIsAcceptedOrRejectedWithReasons(byte[] file) {
        ReaderPromise.holdsFor(XmlSourceTest.MAPPING, "sales.xml", file);
    }

    @Test
    void anExternalEntityIsRefusedWithoutReadingTheFileItNames(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "CANARY-7f3a");
        for (String dtd : List.of(
                "<!DOCTYPE export [ <!ENTITY xxe SYSTEM \"" + secret.toUri() + "\"> ]>",
                "<!DOCTYPE export [ <!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p; ]>",
                "<!DOCTYPE export SYSTEM \"" + secret.toUri() + "\">")) {
            String xml = "<?xml version=\"1.0\"?>\n" + dtd + "\n<export><sale id=\"1\"><note>&xxe;</note></sale></export>";
            List<MappedRecord> out = ReaderPromise.holdsFor(XmlSourceTest.MAPPING, "evil.xml", xml.getBytes(StandardCharsets.UTF_8));
            assertThat(out).singleElement().isInstanceOf(MappedRecord.Rejected.class);
            assertThat(out.toString()).doesNotContain("CANARY").contains("DTD");
        }
    }

    @Test
    void aBillionLaughsIsRefusedAtOnce() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE export [ <!ENTITY lol0 \"lol\">");
        for (int k = 1; k <= 9; k++) dtd.append(" <!ENTITY lol").append(k).append(" \"").append(("&lol" + (k - 1) + ";").repeat(10)).append("\">");
        String xml = dtd + " ]>\n<export><sale id=\"1\"><note>&lol9;</note></sale></export>";
        List<MappedRecord> out = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> ReaderPromise.holdsFor(XmlSourceTest.MAPPING, "laughs.xml", xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(out).singleElement().isInstanceOf(MappedRecord.Rejected.class);
        assertThat(out.toString()).contains("DTD").doesNotContain("lollol");
    }
}
