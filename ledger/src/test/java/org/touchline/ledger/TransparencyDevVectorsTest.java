package org.touchline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer vectors from transparency-dev/merkle testdata (see the README beside them):
 * valid proofs must verify and every mutated one must fail with a ProofException.
 */
class TransparencyDevVectorsTest {
    private static final String DIR = "/transparency-dev-merkle/";

    static Stream<String> inclusionVectors() throws IOException {
        return index().stream().filter(p -> p.startsWith("inclusion/"));
    }

    static Stream<String> consistencyVectors() throws IOException {
        return index().stream().filter(p -> p.startsWith("consistency/"));
    }

    @Test
    void vectorsArePresent() throws IOException {
        assertThat(inclusionVectors().count()).isGreaterThanOrEqualTo(10);
        assertThat(consistencyVectors().count()).isGreaterThanOrEqualTo(10);
        assertThat(index().stream().filter(p -> p.endsWith("happy-path.json")).count()).isGreaterThanOrEqualTo(9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inclusionVectors")
    void inclusionVectorVerifiesExactlyWhenExpected(String path) throws IOException {
        String json = read(path);
        long index = number(json, json.contains("\"leafIdx\"") ? "leafIdx" : "leafIndex");
        long size = number(json, "treeSize");
        byte[] root = base64(json, "root");
        byte[] leafHash = base64(json, "leafHash");
        List<byte[]> proof = proof(json);
        if (wantErr(json)) {
            assertThatThrownBy(() -> ProofVerifier.verifyInclusion(leafHash, index, size, proof, root))
                    .isInstanceOf(ProofException.class);
        } else {
            assertThatCode(() -> ProofVerifier.verifyInclusion(leafHash, index, size, proof, root)).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consistencyVectors")
    void consistencyVectorVerifiesExactlyWhenExpected(String path) throws IOException {
        String json = read(path);
        long size1 = number(json, "size1");
        long size2 = number(json, "size2");
        byte[] root1 = base64(json, "root1");
        byte[] root2 = base64(json, "root2");
        List<byte[]> proof = proof(json);
        if (wantErr(json)) {
            assertThatThrownBy(() -> ProofVerifier.verifyConsistency(size1, size2, root1, root2, proof))
                    .isInstanceOf(ProofException.class);
        } else {
            assertThatCode(() -> ProofVerifier.verifyConsistency(size1, size2, root1, root2, proof)).doesNotThrowAnyException();
        }
    }

    /** The upstream vectors are the RFC 6962 test tree; the naive tree of 8 leaves reproduces its root. */
    @Test
    void happyPathRootOfEightLeavesIsReproducedByOurTree() throws IOException {
        String json = read("inclusion/1/happy-path.json");
        // RFC 6962 test leaves: "", 00, 10, 2021, 3031, 40414243, 5051525354555657, 606162636465666768696a6b6c6d6e6f
        String[] leavesHex = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
        InMemoryHashStore store = new InMemoryHashStore();
        Frontier f = Frontier.empty();
        for (String hex : leavesHex) {
            f.append(Hashes.leafHash(HexFormat.of().parseHex(hex)), store);
        }
        assertThat(f.root()).isEqualTo(base64(json, "root"));
        assertThat(MerkleTree.inclusionProof(0, 8, store).hashes()).containsExactlyElementsOf(proof(json));
        String consistency = read("consistency/2/happy-path.json");
        assertThat(MerkleTree.consistencyProof(6, 8, store).hashes()).containsExactlyElementsOf(proof(consistency));
        assertThat(MerkleTree.rootHash(6, store)).isEqualTo(base64(consistency, "root1"));
    }

    private static List<String> index() throws IOException {
        List<String> paths = new ArrayList<>();
        for (String line : read("index.txt").split("\n")) {
            if (!line.isBlank()) {
                paths.add(line.strip().replaceFirst("^\\./", ""));
            }
        }
        return paths;
    }

    private static String read(String path) throws IOException {
        try (InputStream in = TransparencyDevVectorsTest.class.getResourceAsStream(DIR + path)) {
            assertThat(in).as("resource %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        assertThat(m.find()).as("field %s", key).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static byte[] base64(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("field %s", key).isTrue();
        return Base64.getDecoder().decode(m.group(1));
    }

    private static boolean wantErr(String json) {
        Matcher m = Pattern.compile("\"wantErr\"\\s*:\\s*(true|false)").matcher(json);
        assertThat(m.find()).isTrue();
        return Boolean.parseBoolean(m.group(1));
    }

    private static List<byte[]> proof(String json) {
        Matcher m = Pattern.compile("\"proof\"\\s*:\\s*(null|\\[([^\\]]*)\\])").matcher(json);
        assertThat(m.find()).isTrue();
        List<byte[]> proof = new ArrayList<>();
        if (m.group(2) != null) {
            Matcher s = Pattern.compile("\"([^\"]*)\"").matcher(m.group(2));
            while (s.find()) {
                proof.add(Base64.getDecoder().decode(s.group(1)));
            }
        }
        return proof;
    }
}
