package io.berth.app.e2e;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the API's clients saw around one database outage, from an {@link ApiProbe}'s samples: how many calls were
 * answered 503 with Retry-After, how many anything else that is not 2xx (the goal is none), the slowest answer, and
 * how long after the database was back each Berth answered 2xx again.
 */
record FaultFigures(long outageMillis, int calls, int unavailable, int unavailableWithoutRetryAfter, int otherFailures,
                    Map<Integer, Long> statuses, long slowestMillis, Map<String, Long> recoveryMillis,
                    List<ApiProbe.Sample> others) {

    static FaultFigures of(long downAt, long upAt, List<ApiProbe.Sample> samples) {
        int unavailable = 0;
        int noRetryAfter = 0;
        for (ApiProbe.Sample s : samples) {
            if (s.status() == 503) {
                unavailable++;
                if (s.retryAfter() == null) {
                    noRetryAfter++;
                }
            }
        }
        List<ApiProbe.Sample> others = samples.stream().filter(s -> !s.ok() && s.status() != 503).toList();
        Map<String, Long> recovery = new TreeMap<>();
        for (String name : samples.stream().map(ApiProbe.Sample::name).collect(Collectors.toSet())) {
            OptionalLong first = samples.stream().filter(s -> s.name().equals(name) && s.ok() && s.answeredAt() >= upAt)
                    .mapToLong(s -> s.answeredAt() - upAt).min();
            recovery.put(name, first.isPresent() ? first.getAsLong() / 1_000_000 : -1);
        }
        Map<Integer, Long> statuses = samples.stream()
                .collect(Collectors.groupingBy(ApiProbe.Sample::status, TreeMap::new, Collectors.counting()));
        long slowest = samples.stream().mapToLong(ApiProbe.Sample::millis).max().orElse(0);
        return new FaultFigures((upAt - downAt) / 1_000_000, samples.size(), unavailable, noRetryAfter, others.size(),
                statuses, slowest, recovery, others);
    }

    String describe() {
        return "outage " + outageMillis + " ms; API calls " + calls + " " + statuses + "; 503 " + unavailable
                + " (without Retry-After " + unavailableWithoutRetryAfter + "); other non-2xx " + otherFailures
                + "; slowest answer " + slowestMillis + " ms; first 2xx after the database was back (ms) " + recoveryMillis;
    }
}
