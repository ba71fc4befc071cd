package org.touchline.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any text given as a source mapping (YAML, uploaded by a source's owner): {@link SourceMapping#parse} returns a
 * mapping, or throws MappingException naming the file, the key and the reason; nothing else, however odd the YAML
 * (anchors and aliases included). Corpus: {@code SourceMappingFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class SourceMappingFuzzTest {

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void parsesOrNamesTheKeyAndTheReason(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        SourceMapping m;
        try {
            m = SourceMapping.parse("fuzz.yaml", yaml);
        } catch (MappingException e) {
            assertThat(e.file()).isEqualTo("fuzz.yaml");
            assertThat(e.key()).as(e.getMessage()).isNotNull(); // may be "": a YAML key that is empty is named as it is
            assertThat(e.reason()).as(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(m.fields()).isNotEmpty().doesNotContainNull();
    }
}
