package org.touchline.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus text exposition format (version 0.0.4), read strictly: every line is a HELP or TYPE comment or a
 * sample {@code name{label="value",...} number}; every sample belongs to a family whose TYPE came first. What a
 * scrape would refuse, this refuses, naming the line.
 */
record PrometheusText(Map<String, String> types, List<Sample> samples) {
    record Sample(String name, Map<String, String> labels, double value) {}

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\",?");

    static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            if (line.isEmpty() || HELP.matcher(line).matches()) continue;
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                types.put(t.group(1), t.group(2));
                continue;
            }
            Matcher s = SAMPLE.matcher(line);
            if (!s.matches()) throw new AssertionError("line " + n + " is not Prometheus text: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (s.group(3) != null) {
                Matcher l = LABEL.matcher(s.group(3));
                int at = 0;
                while (l.find() && l.start() == at) {
                    labels.put(l.group(1), l.group(2));
                    at = l.end();
                }
                if (at != s.group(3).length()) throw new AssertionError("line " + n + " has malformed labels: " + line);
            }
            String value = s.group(4);
            double v = switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(value);
            };
            String name = s.group(1);
            if (familyOf(name, types) == null) throw new AssertionError("line " + n + ": sample of a family with no TYPE: " + line);
            samples.add(new Sample(name, labels, v));
        }
        return new PrometheusText(types, samples);
    }

    private static String familyOf(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) return sample;
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_max"))
            if (sample.endsWith(suffix) && types.containsKey(sample.substring(0, sample.length() - suffix.length())))
                return sample.substring(0, sample.length() - suffix.length());
        return null;
    }

    /** The value of the one sample named {@code name} whose labels include {@code labels} (pairs), or NaN if none. */
    double value(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name) && has(s, labels)).mapToDouble(Sample::value).findFirst().orElse(Double.NaN);
    }

    boolean has(String name, String... labels) { return samples.stream().anyMatch(s -> s.name().equals(name) && has(s, labels)); }

    private static boolean has(Sample s, String... labels) {
        for (int k = 0; k < labels.length; k += 2) if (!labels[k + 1].equals(s.labels().get(labels[k]))) return false;
        return true;
    }
}
