package org.touchline.identity.match;

/**
 * Clusters linked records into entities by connected components, with a union-find (disjoint-set) structure using
 * path halving and union by size: near-constant time per link.
 */
public final class ConnectedComponents {
    private final int[] parent;
    private final int[] size;

    public ConnectedComponents(int n) {
        parent = new int[n];
        size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
    }

    public int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    public void union(int a, int b) {
        int ra = find(a), rb = find(b);
        if (ra == rb) return;
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
    }

    /** The cluster label of every element: the index of its root. */
    public int[] labels() {
        int[] out = new int[parent.length];
        for (int i = 0; i < out.length; i++) out[i] = find(i);
        return out;
    }
}
