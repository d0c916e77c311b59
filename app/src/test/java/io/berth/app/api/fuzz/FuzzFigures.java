package io.berth.app.api.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the run counts: cases, the status histogram (overall and per endpoint), dropped connections (no status at all:
 * reset, premature end, timeout) and response times; and the failing cases, described. Printed, never asserted on
 * except for the correctness invariants the test states.
 */
final class FuzzFigures {

    private final Map<Integer, Integer> histogram = new TreeMap<>();
    private final Map<String, Map<Integer, Integer>> perEndpoint = new TreeMap<>();
    private final List<Long> nanos = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> drops = new ArrayList<>();
    private int cases;
    private int streamsRead;
    private int streamEvents;

    int cases() {
        return cases;
    }

    List<String> failures() {
        return failures;
    }

    List<String> drops() {
        return drops;
    }

    void answered(FuzzCase c, int status, long elapsedNanos) {
        cases++;
        nanos.add(elapsedNanos);
        histogram.merge(status, 1, Integer::sum);
        perEndpoint.computeIfAbsent(c.endpoint(), e -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }

    /** No status: the connection was reset, ended early or timed out. Counted apart from the statuses. */
    void dropped(FuzzCase c, Exception e) {
        cases++;
        perEndpoint.computeIfAbsent(c.endpoint(), x -> new TreeMap<>()).merge(-1, 1, Integer::sum);
        drops.add("#" + cases + " " + c.description() + " -> " + e + "\n  request: " + FuzzJson.abbreviate(c.sent()));
    }

    void streamRead(int events) {
        streamsRead++;
        streamEvents += events;
    }

    void failed(FuzzCase c, int status, String problem, String answer) {
        failures.add("#" + cases + " " + c.description() + " -> " + status + " (" + problem + ")\n  request: "
                + FuzzJson.abbreviate(c.sent()) + "\n  answer: " + FuzzJson.abbreviate(answer));
    }

    void print(long seed) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("API fuzz over TCP: %d cases (seed %d), status histogram %s, dropped connections %d, "
                        + "p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d streams read, %d events and log chunks in them%n",
                cases, seed, histogram, drops.size(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, streamsRead, streamEvents);
        perEndpoint.forEach((endpoint, statuses) -> System.out.printf("  %-40s %6d cases %s%n", endpoint,
                statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses));
        drops.stream().limit(10).forEach(System.out::println);
        failures.stream().limit(20).forEach(System.out::println);
        failures.stream().collect(Collectors.groupingBy(
                        f -> f.substring(f.indexOf(' ') + 1, f.indexOf('\n')).replaceAll("[-\\w]*\\d[-\\w]*", "N")
                                .replaceAll("=\\S*", "="), TreeMap::new, Collectors.counting()))
                .forEach((kind, n) -> System.out.println("  " + n + " x " + kind));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
