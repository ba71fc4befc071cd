package org.touchline.node;

import java.util.List;

/**
 * What {@code touchline verify} found. {@code firstBadIndex} is the lowest entry index any problem concerns (-1 if
 * none); each problem names the entry, tree node, checkpoint or batch that is wrong.
 */
public record VerifyReport(long entries, long treeHashes, long checkpoints, long batches, long partsChecked,
                           long partsErased, long firstBadIndex, List<String> problems) {
    public boolean ok() { return problems.isEmpty(); }
}
