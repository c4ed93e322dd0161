package org.stackvault.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (no parser comes with
 * micrometer-registry-prometheus, whose Prometheus client only writes): every line a comment,
 * {@code # HELP}, {@code # TYPE} or a sample; names, label names and escapes as the format
 * defines them; a {@code TYPE} at most once per family and before its samples; the samples of
 * a family in one group; no series twice; and each histogram's buckets cumulative, ending in
 * {@code +Inf} equal to its {@code _count}, with a {@code _sum}. A violation throws
 * {@link IllegalArgumentException} naming the line. Immutable once parsed.
 */
public final class PrometheusText {
    /** One sample line: its name, labels (sorted by name) and value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(NaN|Inf|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) (\\S+)(?: (.*))?");
    /** What follows a family's name ("|") in the names of its samples. */
    private static final Set<String> SUFFIXES = Set.of("|", "|_bucket", "|_count", "|_sum", "|_total", "|_created");

    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = List.copyOf(samples);
        this.types = Map.copyOf(types);
    }

    /** Parses a whole exposition, which ends with a line feed. */
    public static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the text does not end with a line feed");
        }
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> helps = new HashSet<>();
        Set<String> closedFamilies = new HashSet<>();
        Set<String> series = new HashSet<>();
        String family = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " '" + line + "': ";
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = COMMENT.matcher(line);
                if (!m.matches()) {
                    continue; // a plain comment
                }
                String name = name(m.group(2), where);
                if (m.group(1).equals("HELP")) {
                    check(helps.add(name), where + "a second HELP");
                    unescape(m.group(3) == null ? "" : m.group(3), false, where);
                } else {
                    check(m.group(3) != null && TYPES.contains(m.group(3)), where + "unknown type");
                    check(!types.containsKey(name), where + "a second TYPE");
                    check(
                            samples.stream()
                                    .noneMatch(s -> s.name().startsWith(name)
                                            && SUFFIXES.contains("|" + s.name().substring(name.length()))),
                            where + "TYPE after samples of the family");
                    types.put(name, m.group(3));
                }
                continue;
            }
            Sample sample = sample(line, where);
            String f = familyOf(sample.name(), types);
            if (!f.equals(family)) {
                check(!closedFamilies.contains(f), where + "family " + f + " is not in one group");
                if (family != null) {
                    closedFamilies.add(family);
                }
                family = f;
            }
            check(series.add(sample.name() + sample.labels()), where + "a series twice");
            samples.add(sample);
        }
        PrometheusText parsed = new PrometheusText(samples, types);
        types.forEach((name, type) -> {
            if (type.equals("histogram")) {
                parsed.checkHistogram(name);
            }
        });
        return parsed;
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = name(line.substring(0, i), where);
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                check(eq > i, where + "a label without a value");
                String label = line.substring(i, eq);
                check(LABEL_NAME.matcher(label).matches() && !label.startsWith("__"), where + "bad label name");
                check(eq + 1 < line.length() && line.charAt(eq + 1) == '"', where + "label value not quoted");
                int end = eq + 2;
                while (end < line.length() && line.charAt(end) != '"') {
                    end += line.charAt(end) == '\\' ? 2 : 1;
                }
                check(end < line.length(), where + "unterminated label value");
                check(
                        labels.put(label, unescape(line.substring(eq + 2, end), true, where)) == null,
                        where + "label twice");
                i = end + 1;
                check(i < line.length(), where + "unterminated labels");
                if (line.charAt(i) == ',') {
                    i++;
                } else {
                    check(line.charAt(i) == '}', where + "labels not separated by commas");
                }
            }
            i++;
        }
        String[] rest = line.substring(i).split(" ", -1);
        check(rest.length == 2 || rest.length == 3, where + "not 'name value [timestamp]' separated by one space");
        check(rest[0].isEmpty() && FLOAT.matcher(rest[1]).matches(), where + "bad value");
        check(rest.length == 2 || rest[2].matches("-?\\d+"), where + "bad timestamp");
        return new Sample(name, labels, value(rest[1]));
    }

    private static double value(String text) {
        return switch (text) {
            case "NaN", "+NaN", "-NaN" -> Double.NaN;
            case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String name(String name, String where) {
        check(NAME.matcher(name).matches(), where + "bad metric name '" + name + "'");
        return name;
    }

    /** A label value's or HELP text's escapes: {@code \\}, {@code \n}, and in label values {@code \"}. */
    private static String unescape(String text, boolean labelValue, String where) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            check(c != '\n' && (!labelValue || c != '"'), where + "unescaped character");
            if (c != '\\') {
                out.append(c);
                continue;
            }
            check(i + 1 < text.length(), where + "a lone backslash");
            char next = text.charAt(++i);
            check(next == '\\' || next == 'n' || (labelValue && next == '"'), where + "bad escape \\" + next);
            out.append(next == 'n' ? '\n' : next);
        }
        return out.toString();
    }

    /** The family a sample belongs to: the TYPE'd name it is, or a histogram's or summary's with a suffix. */
    private static String familyOf(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : SUFFIXES) {
            String tail = suffix.substring(1);
            if (sample.endsWith(tail) && types.containsKey(sample.substring(0, sample.length() - tail.length()))) {
                return sample.substring(0, sample.length() - tail.length());
            }
        }
        return sample;
    }

    private void checkHistogram(String name) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name + "_bucket")) {
                Map<String, String> others = new TreeMap<>(s.labels());
                check(others.remove("le") != null, name + ": a bucket without le");
                buckets.computeIfAbsent(others, k -> new ArrayList<>()).add(s);
            }
        }
        check(!buckets.isEmpty(), name + ": a histogram without buckets");
        buckets.forEach((labels, list) -> {
            double le = Double.NEGATIVE_INFINITY;
            double count = 0;
            for (Sample bucket : list) {
                double bound = value(bucket.labels().get("le"));
                check(bound > le, name + labels + ": bucket bounds not increasing");
                check(bucket.value() >= count, name + labels + ": buckets not cumulative");
                le = bound;
                count = bucket.value();
            }
            check(le == Double.POSITIVE_INFINITY, name + labels + ": no +Inf bucket");
            check(value(name + "_count", labels) == count, name + labels + ": _count differs from the +Inf bucket");
            value(name + "_sum", labels);
        });
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Every sample, in order. */
    public List<Sample> samples() {
        return samples;
    }

    /** The TYPE of each family that has one. */
    public Map<String, String> types() {
        return types;
    }

    /** The value of the one sample of that name with exactly these labels. */
    public double value(String name, Map<String, String> labels) {
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .toList();
        check(found.size() == 1, "no sample " + name + labels);
        return found.get(0).value();
    }

    /** {@link #value(String, Map)} with labels as names and values: {@code value("x", "endpoint", "releases")}. */
    public double value(String name, String... labelNamesAndValues) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i + 1 < labelNamesAndValues.length; i += 2) {
            labels.put(labelNamesAndValues[i], labelNamesAndValues[i + 1]);
        }
        return value(name, labels);
    }

    /** The value of that series, or 0 when it is absent (a timer not used yet). */
    public double valueOrZero(String name, String... labelNamesAndValues) {
        try {
            return value(name, labelNamesAndValues);
        } catch (IllegalArgumentException absent) {
            return 0;
        }
    }
}
