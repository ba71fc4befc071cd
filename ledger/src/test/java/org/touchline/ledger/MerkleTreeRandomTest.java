package org.touchline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded randomised checks of the tree, proofs and verifier against the naive RFC 6962 reference. */
class MerkleTreeRandomTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 24);
    }

    /** A random tree built by appending through a Frontier into an in-memory store. */
    private record Tree(int size, InMemoryHashStore store, Frontier frontier, List<byte[]> leaves, Rfc6962Reference reference) {
        static Tree random(Random rnd, int maxSize) {
            int size = 1 + rnd.nextInt(maxSize);
            InMemoryHashStore store = new InMemoryHashStore();
            Frontier frontier = Frontier.empty();
            List<byte[]> leaves = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                byte[] data = ("leaf " + i + " " + rnd.nextInt()).getBytes(StandardCharsets.UTF_8);
                byte[] leaf = Hashes.leafHash(data);
                leaves.add(leaf);
                frontier.append(leaf, store);
            }
            return new Tree(size, store, frontier, leaves, new Rfc6962Reference(leaves));
        }

        byte[] root(int n) throws IOException {
            return MerkleTree.rootHash(n, store);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void frontierRootEqualsStoredRootEqualsNaiveRoot(long seed) throws IOException {
        Random rnd = new Random(seed);
        Tree t = Tree.random(rnd, 3000);
        assertThat(t.frontier.root()).isEqualTo(t.root(t.size)).isEqualTo(t.reference.mth(0, t.size));
        for (int i = 0; i < 20; i++) {
            int n = rnd.nextInt(t.size + 1);
            assertThat(t.root(n)).as("root of prefix %d", n).isEqualTo(t.reference.mth(0, n));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void loadedFrontierContinuesLikeTheOriginal(long seed) throws IOException {
        Random rnd = new Random(seed);
        Tree t = Tree.random(rnd, 2000);
        Frontier loaded = Frontier.load(t.size, t.store);
        assertThat(loaded.size()).isEqualTo(t.size);
        assertThat(loaded.root()).isEqualTo(t.frontier.root());
        byte[] next = Hashes.leafHash(new byte[] {1, 2, 3});
        List<StoredNode> fromLoaded = new ArrayList<>();
        List<StoredNode> fromOriginal = new ArrayList<>();
        loaded.append(next, fromLoaded::add);
        t.frontier.copy().append(next, fromOriginal::add);
        assertThat(fromLoaded).isEqualTo(fromOriginal);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void inclusionProofsMatchTheReferenceAndVerify(long seed) throws IOException {
        Random rnd = new Random(seed);
        Tree t = Tree.random(rnd, 3000);
        for (int i = 0; i < 30; i++) {
            int n = 1 + rnd.nextInt(t.size);
            int index = rnd.nextInt(n);
            InclusionProof proof = MerkleTree.inclusionProof(index, n, t.store);
            assertThat(proof.hashes()).containsExactlyElementsOf(t.reference.path(index, 0, n));
            proof.verify(t.leaves.get(index), t.root(n));
            assertThat(ProofVerifier.rootFromInclusion(t.leaves.get(index), index, n, proof.hashes())).isEqualTo(t.root(n));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anySingleBitFlipInAnInclusionProofFails(long seed) throws IOException {
        Random rnd = new Random(seed);
        Tree t = Tree.random(rnd, 3000);
        int n = Math.max(1, t.size - rnd.nextInt(t.size));
        int index = rnd.nextInt(n);
        List<byte[]> hashes = MerkleTree.inclusionProof(index, n, t.store).hashes();
        byte[] root = t.root(n);
        for (int h = 0; h < hashes.size(); h++) {
            for (int bit = 0; bit < 256; bit++) {
                List<byte[]> mutated = flip(hashes, h, bit);
                assertThatThrownBy(() -> ProofVerifier.verifyInclusion(t.leaves.get(index), index, n, mutated, root))
                        .isInstanceOf(ProofException.class);
            }
        }
        byte[] leaf = t.leaves.get(index).clone();
        leaf[rnd.nextInt(32)] ^= 1;
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(leaf, index, n, hashes, root)).isInstanceOf(ProofException.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void inclusionProofForAnotherIndexFails(long seed) throws IOException {
        Random rnd = new Random(seed);
        Tree t = Tree.random(rnd, 3000);
        if (t.size < 2) {
            return;
        }
        for (int i = 0; i < 20; i++) {
            int n = 2 + rnd.nextInt(t.size - 1);
            int index = rnd.nextInt(n);
            int other = (index + 1 + rnd.nextInt(n - 1)) % n;
            List<byte[]> hashes = MerkleTree.inclusionProof(index, n, t.store).hashes();
            byte[] root = t.root(n);
            int size = n;
            assertThatThrownBy(() -> ProofVerifier.verifyInclusion(t.leaves.get(index), other, size, hashes, root))
                    .isInstanceOf(ProofException.class);
            assertThatThrownBy(() -> ProofVerifier.verifyInclusion(t.leaves.get(index), size, size, hashes, root))
                    .isInstanceOf(ProofException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void inclusionProofForAnotherTreeSizeFailsUnlessItIsThatSizesProof(long seed) throws IOException {
        Random rnd = new Random(seed);
        Tree t = Tree.random(rnd, 3000);
        int failures = 0;
        for (int i = 0; i < 20; i++) {
            int n = 1 + rnd.nextInt(t.size);
            int index = rnd.nextInt(n);
            int wrong = index + 1 + rnd.nextInt(t.size - index);
            if (wrong == n) {
                continue;
            }
            List<byte[]> hashes = MerkleTree.inclusionProof(index, n, t.store).hashes();
            List<byte[]> wrongSizeProof = MerkleTree.inclusionProof(index, wrong, t.store).hashes();
            byte[] wrongRoot = t.root(wrong);
            boolean same = sameHashes(hashes, wrongSizeProof);
            try {
                ProofVerifier.verifyInclusion(t.leaves.get(index), index, wrong, hashes, wrongRoot);
                assertThat(same).as("proof for size %d accepted for size %d", n, wrong).isTrue();
            } catch (ProofException e) {
                assertThat(same).isFalse();
                failures++;
            }
            // Against the real root, a wrong size fails unless the proof shape is identical (then
            // the verifier cannot tell: the checkpoint binds root and size together).
        }
        assertThat(failures).isPositive();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void consistencyProofsMatchTheReferenceAndVerify(long seed) throws IOException {
        Random rnd = new Random(seed);
        Tree t = Tree.random(rnd, 3000);
        for (int i = 0; i < 30; i++) {
            int n = rnd.nextInt(t.size + 1);
            int m = rnd.nextInt(n + 1);
            ConsistencyProof proof = MerkleTree.consistencyProof(m, n, t.store);
            assertThat(proof.hashes()).containsExactlyElementsOf(t.reference.proof(m, n));
            proof.verify(t.root(m), t.root(n));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anySingleBitFlipInAConsistencyProofFails(long seed) throws IOException {
        Random rnd = new Random(seed);
        Tree t = Tree.random(rnd, 3000);
        if (t.size < 3) {
            return;
        }
        int n = 3 + rnd.nextInt(t.size - 2);
        int m = 1 + rnd.nextInt(n - 1);
        List<byte[]> hashes = MerkleTree.consistencyProof(m, n, t.store).hashes();
        byte[] oldRoot = t.root(m);
        byte[] newRoot = t.root(n);
        for (int h = 0; h < hashes.size(); h++) {
            for (int bit = 0; bit < 256; bit++) {
                List<byte[]> mutated = flip(hashes, h, bit);
                assertThatThrownBy(() -> ProofVerifier.verifyConsistency(m, n, oldRoot, newRoot, mutated))
                        .isInstanceOf(ProofException.class);
            }
        }
        byte[] badOld = oldRoot.clone();
        badOld[0] ^= 0x40;
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(m, n, badOld, newRoot, hashes)).isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(m, n, newRoot, oldRoot, hashes)).isInstanceOf(ProofException.class);
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(m, n, oldRoot, newRoot, hashes.subList(0, hashes.size() - 1)))
                .isInstanceOf(ProofException.class);
        List<byte[]> longer = new ArrayList<>(hashes);
        longer.add(hashes.get(0));
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(m, n, oldRoot, newRoot, longer)).isInstanceOf(ProofException.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void consistencyProofForOtherSizesFailsUnlessItIsTheirProof(long seed) throws IOException {
        Random rnd = new Random(seed);
        Tree t = Tree.random(rnd, 3000);
        if (t.size < 4) {
            return;
        }
        int failures = 0;
        for (int i = 0; i < 20; i++) {
            int n = 3 + rnd.nextInt(t.size - 2);
            int m = 1 + rnd.nextInt(n - 2);
            List<byte[]> hashes = MerkleTree.consistencyProof(m, n, t.store).hashes();
            for (int[] sizes : new int[][] {{m + 1, n}, {m, n - 1}, {m - 1, n}, {m, n + 1 <= t.size ? n + 1 : n - 1}}) {
                int wm = sizes[0];
                int wn = sizes[1];
                if (wm < 1 || wm >= wn || wm == m && wn == n) {
                    continue;
                }
                boolean same = sameHashes(hashes, MerkleTree.consistencyProof(wm, wn, t.store).hashes());
                try {
                    ProofVerifier.verifyConsistency(wm, wn, t.root(wm), t.root(wn), hashes);
                    assertThat(same).as("proof %d->%d accepted for %d->%d", m, n, wm, wn).isTrue();
                } catch (ProofException e) {
                    assertThat(same).isFalse();
                    failures++;
                }
            }
        }
        assertThat(failures).isPositive();
    }

    private static List<byte[]> flip(List<byte[]> hashes, int which, int bit) {
        List<byte[]> copy = new ArrayList<>(hashes);
        byte[] h = copy.get(which).clone();
        h[bit / 8] ^= (byte) (1 << (bit % 8));
        copy.set(which, h);
        return copy;
    }

    private static boolean sameHashes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
