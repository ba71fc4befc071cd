package org.touchline.ledger;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof requests and proofs from outside: any (index, tree size) or (from, to) a client asks for within the log either
 * yields a proof that verifies or is refused with IllegalArgumentException; and any proof a client hands in - sizes,
 * hashes of any length, any count - either verifies, and then it is the log's own proof, or is refused with
 * ProofException. Corpus: {@code ProofFuzzTestInputs/}; docs/reliability.md, "Fuzzing".
 */
class ProofFuzzTest {
    private static final int SIZE = 300;
    private static final InMemoryHashStore STORE = new InMemoryHashStore();
    private static final byte[][] ROOTS = new byte[SIZE + 1][];
    private static final byte[] NO_TREE = Hashes.sha256("no tree has this root".getBytes(StandardCharsets.UTF_8));

    static {
        Frontier f = Frontier.empty();
        ROOTS[0] = f.root();
        for (int i = 0; i < SIZE; i++) {
            f.append(leaf(i), STORE);
            ROOTS[i + 1] = f.root();
        }
    }

    private static byte[] leaf(long i) {
        return Hashes.leafHash(("entry " + i).getBytes(StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void inclusionProofVerifiesOrIsRefused(FuzzedDataProvider data) throws IOException {
        long treeSize = data.consumeLong(-2, SIZE);
        long index = data.consumeBoolean() ? data.consumeLong() : data.consumeLong(-2, SIZE + 1);
        InclusionProof proof;
        try {
            proof = MerkleTree.inclusionProof(index, treeSize, STORE);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(index >= 0 && index < treeSize).isFalse();
            return;
        }
        proof.verify(leaf(index), ROOTS[(int) treeSize]);
        List<byte[]> forged = forge(proof.hashes(), data);
        try {
            ProofVerifier.verifyInclusion(leaf(index), index, treeSize, forged, ROOTS[(int) treeSize]);
        } catch (ProofException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(forged).containsExactlyElementsOf(proof.hashes()); // no second preimages: only the log's own proof passes
    }

    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void consistencyProofVerifiesOrIsRefused(FuzzedDataProvider data) throws IOException {
        long to = data.consumeLong(-2, SIZE);
        long from = data.consumeBoolean() ? data.consumeLong() : data.consumeLong(-2, SIZE + 1);
        ConsistencyProof proof;
        try {
            proof = MerkleTree.consistencyProof(from, to, STORE);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(from >= 0 && from <= to).isFalse();
            return;
        }
        proof.verify(ROOTS[(int) from], ROOTS[(int) to]);
        List<byte[]> forged = forge(proof.hashes(), data);
        try {
            ProofVerifier.verifyConsistency(from, to, ROOTS[(int) from], ROOTS[(int) to], forged);
        } catch (ProofException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(forged).containsExactlyElementsOf(proof.hashes());
    }

    /** Any claim at all: sizes, index, leaf and proof from the input, roots the log's own for the sizes claimed. */
    @FuzzTest(maxDuration = "60s")
    @Timeout(10)
    void arbitraryProofClaimsVerifyOnlyWhenTrue(FuzzedDataProvider data) {
        long m = data.consumeLong();
        long n = data.consumeLong();
        List<byte[]> proof = new ArrayList<>();
        for (int k = data.consumeInt(0, 70); k > 0; k--) proof.add(data.consumeBytes(data.consumeInt(0, 33)));
        byte[] claimedLeaf = data.consumeBoolean() ? data.consumeBytes(33) : leaf(Math.floorMod(m, SIZE));
        boolean inclusion = data.consumeBoolean();
        try {
            if (inclusion) ProofVerifier.verifyInclusion(claimedLeaf, m, n, proof, root(n));
            else ProofVerifier.verifyConsistency(m, n, root(m), root(n), proof);
        } catch (ProofException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        if (!inclusion && (m == n || m == 0)) {
            assertThat(proof).isEmpty(); // a tree is consistent with itself and the empty tree with every tree: nothing to prove
            return;
        }
        try {
            assertThat(n).isBetween(0L, (long) SIZE);
            if (inclusion) {
                assertThat(claimedLeaf).isEqualTo(leaf(m));
                assertThat(proof).containsExactlyElementsOf(MerkleTree.inclusionProof(m, n, STORE).hashes());
            } else {
                assertThat(m).isBetween(0L, n);
                assertThat(proof).containsExactlyElementsOf(MerkleTree.consistencyProof(m, n, STORE).hashes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The log's root for a size it has; for any other size a hash that is no tree's root. (Not the log's latest root:
     * a proof cannot tell sizes apart by itself - a "proof for size 400" can lead to the root of size 300. The size is
     * bound by the signed checkpoint, as in {@link Receipt#verify}.)
     */
    private static byte[] root(long size) {
        return size >= 0 && size <= SIZE ? ROOTS[(int) size] : NO_TREE;
    }

    /** The proof with edits chosen by the input: none, a flipped bit, a hash dropped, added or cut short. */
    private static List<byte[]> forge(List<byte[]> proof, FuzzedDataProvider data) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] h : proof) out.add(h.clone());
        for (int edits = data.consumeInt(0, 3); edits > 0; edits--) {
            int at = out.isEmpty() ? 0 : data.consumeInt(0, out.size() - 1);
            switch (data.consumeInt(0, 3)) {
                case 0 -> {
                    if (!out.isEmpty() && out.get(at).length > 0) {
                        byte[] h = out.get(at);
                        h[data.consumeInt(0, h.length - 1)] ^= (byte) (1 << data.consumeInt(0, 7));
                    }
                }
                case 1 -> { if (!out.isEmpty()) out.remove(at); }
                case 2 -> out.add(at, data.consumeBytes(Hashes.SIZE));
                default -> { if (!out.isEmpty()) out.set(at, Arrays.copyOf(out.get(at), data.consumeInt(0, Hashes.SIZE + 1))); }
            }
        }
        return out;
    }
}
