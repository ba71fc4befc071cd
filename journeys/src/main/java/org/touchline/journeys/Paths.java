package org.touchline.journeys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs {@link PathQuery path queries}: one parallel pass over the units, counting whole paths and Sankey links. */
public final class Paths {
    private final TouchTable table;

    public Paths(TouchTable table) {
        this.table = table;
    }

    public PathResult run(PathQuery q) {
        TouchFilter.Compiled anchor = q.anchor().compile(table);
        long from = q.from() == null ? Long.MIN_VALUE : q.from().getEpochSecond() - TouchTable.EPOCH_SECOND;
        long to = q.to() == null ? Long.MAX_VALUE : q.to().getEpochSecond() - TouchTable.EPOCH_SECOND;
        long window = q.window().getSeconds();
        int depth = q.depth();
        boolean before = q.direction() != PathQuery.Direction.AFTER, after = q.direction() != PathQuery.Direction.BEFORE;
        boolean collapse = q.collapseRepeats();
        PathQuery.By by = q.by();
        Acc acc = UnitScan.run(table, q.unit(), Acc::new, (a, u, rows, n) -> {
            int at = -1;
            for (int i = 0; i < n; i++) {
                int t = table.time[rows[i]];
                if (t < from) continue;
                if (t >= to) break;
                if (anchor.test(rows[i])) { at = i; break; }
            }
            if (at < 0) return;
            long anchorT = table.time[rows[at]];
            // path[0 .. nb-1] before (nearest first, reversed below), then the anchor, then after.
            int[] path = a.path;
            int nb = 0;
            if (before) {
                for (int i = at - 1; i >= 0 && nb < depth; i--) {
                    if (table.time[rows[i]] < anchorT - window) break;
                    int l = label(by, rows[i]);
                    if (collapse && nb > 0 && path[nb - 1] == l) continue;
                    path[nb++] = l;
                }
                for (int i = 0, j = nb - 1; i < j; i++, j--) { int x = path[i]; path[i] = path[j]; path[j] = x; }
            }
            path[nb] = label(by, rows[at]);
            int len = nb + 1;
            if (after) {
                for (int i = at + 1; i < n && len - nb - 1 < depth; i++) {
                    if (table.time[rows[i]] > anchorT + window) break;
                    int l = label(by, rows[i]);
                    if (collapse && len - nb > 1 && path[len - 1] == l) continue;
                    path[len++] = l;
                }
            }
            a.anchored++;
            char[] key = new char[len + 1];
            key[0] = (char) nb;
            for (int i = 0; i < len; i++) key[i + 1] = (char) path[i];
            a.paths.computeIfAbsent(new String(key), k -> new long[1])[0]++;
            for (int i = 0; i + 1 < len; i++) {
                long column = depth - nb + i;   // the anchor sits in column `depth`
                a.links.computeIfAbsent((column << 40) | ((long) path[i] << 20) | path[i + 1], k -> new long[1])[0]++;
            }
        }, Acc::merge);

        int min = q.minimumCount();
        List<PathResult.Path> top = new ArrayList<>();
        long listed = 0;
        List<Map.Entry<String, long[]>> sorted = acc.paths.entrySet().stream()
                .filter(e -> !Suppression.hides(e.getValue()[0], min))
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .limit(q.top()).toList();
        for (Map.Entry<String, long[]> e : sorted) {
            String k = e.getKey();
            int nb = k.charAt(0);
            List<String> b = new ArrayList<>(), af = new ArrayList<>();
            for (int i = 1; i <= nb; i++) b.add(labelName(by, k.charAt(i)));
            for (int i = nb + 2; i < k.length(); i++) af.add(labelName(by, k.charAt(i)));
            long units = e.getValue()[0];
            listed += units;
            top.add(new PathResult.Path(b, labelName(by, k.charAt(nb + 1)), af, units, acc.anchored == 0 ? 0 : (double) units / acc.anchored));
        }
        Map<String, PathResult.Node> nodes = new LinkedHashMap<>();
        List<PathResult.Link> links = new ArrayList<>();
        acc.links.entrySet().stream().filter(e -> !Suppression.hides(e.getValue()[0], min))
                .sorted(Map.Entry.comparingByKey()).forEach(e -> {
                    long key = e.getKey();
                    int column = (int) (key >>> 40), fromLabel = (int) ((key >>> 20) & 0xFFFFF), toLabel = (int) (key & 0xFFFFF);
                    String source = nodeName(by, column - depth, fromLabel), target = nodeName(by, column + 1 - depth, toLabel);
                    nodes.putIfAbsent(source, new PathResult.Node(source, column));
                    nodes.putIfAbsent(target, new PathResult.Node(target, column + 1));
                    links.add(new PathResult.Link(source, target, e.getValue()[0]));
                });
        List<PathResult.Node> nodeList = new ArrayList<>(nodes.values());
        nodeList.sort(Comparator.comparingInt(PathResult.Node::depth).thenComparing(PathResult.Node::name));
        return new PathResult(by, q.direction(), min, Suppression.shown(acc.anchored, min), top,
                Suppression.shown(acc.anchored - listed, min), new PathResult.Sankey(nodeList, links));
    }

    private int label(PathQuery.By by, int row) {
        return switch (by) {
            case STAGE -> table.stage[row];
            case CHANNEL -> table.channelOf(row);
            case TYPE -> table.type[row];
        };
    }

    private String labelName(PathQuery.By by, int code) {
        return switch (by) {
            case STAGE -> Stage.at(code).id();
            case CHANNEL -> table.channels.value(code);
            case TYPE -> table.types.value(code);
        };
    }

    private String nodeName(PathQuery.By by, int position, int code) {
        return (position > 0 ? "+" + position : String.valueOf(position)) + " " + labelName(by, code);
    }

    private static final class Acc {
        final int[] path = new int[64];
        long anchored;
        final Map<String, long[]> paths = new HashMap<>();
        final Map<Long, long[]> links = new HashMap<>();

        Acc merge(Acc o) {
            anchored += o.anchored;
            o.paths.forEach((k, v) -> paths.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
            o.links.forEach((k, v) -> links.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
            return this;
        }
    }

}
