import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load of bench/traffic.sh: GET requests to one URL at a fixed rate for a fixed time, run as a single source
 * file: {@code java TrafficLoad.java URL RATE SECONDS TIMEOUT_MS OUT.json} for one run, or without arguments
 * reading one such line per run from standard input (what the benchmark does: one JVM, warmed up once). URL may be
 * several, separated by commas: request i then goes to URL i mod n (the overhead windows call the tasks directly
 * in turn, as the load balancer's round robin does).
 *
 * <p>Why not wrk: wrk 4.1 sends the next request on a connection only when the previous one answered (closed loop),
 * so when a target stalls it sends fewer requests and the stall hides in the count; and it has no deadline per
 * request: a connection whose SYN goes to a container that was just killed hangs for the rest of the run without
 * counting as a failure. Here request i is due at start + i / RATE whether or not earlier ones answered (open loop),
 * its latency is counted from that due time (so a stalled client thread does not hide a slow period either), and
 * every request ends within TIMEOUT_MS: a response (2xx ok, anything else "non2xx"), a connection error, or a timeout.
 *
 * <p>The answered body is the serving container's hostname (the benchmark's workload writes it to its index page),
 * which gives the requests served per target. Output: one JSON object with the counts, the 2xx latency percentiles
 * (nearest rank, milliseconds), the served counts per target, and the failures per second of the run.
 */
public final class TrafficLoad {

    private static final int OK = 0, NON_2XX = 1, CONNECT = 2, TIMEOUT = 3, OTHER = 4;

    public static void main(String[] args) throws Exception {
        if (args.length == 5) {
            run(args);
            return;
        }
        if (args.length != 0) {
            System.err.println("usage: java TrafficLoad.java URL RATE SECONDS TIMEOUT_MS OUT.json   (one run), or no"
                    + " arguments and one such line per run on standard input");
            System.exit(2);
        }
        // One JVM for all of a benchmark's runs: its start-up and JIT warm-up would otherwise land in every run.
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.isBlank()) {
                run(line.trim().split("\\s+"));
            }
        }
    }

    /** One run; OUT.json appears (renamed into place) only when it is complete. */
    private static void run(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("expected URL RATE SECONDS TIMEOUT_MS OUT.json, got " + args.length
                    + " words");
        }
        List<URI> uris = Arrays.stream(args[0].split(",")).map(URI::create).toList();
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Duration timeout = Duration.ofMillis(Long.parseLong(args[3]));
        Path out = Path.of(args[4]);
        if (rate < 1 || rate > 5000 || seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("RATE must be 1..5000 and SECONDS 1..600");
        }
        int total = rate * seconds;
        long[] latencyNanos = new long[total];
        int[] outcome = new int[total];
        Arrays.fill(outcome, -1);
        Map<String, AtomicLong> perTarget = new ConcurrentHashMap<>();
        AtomicIntegerArray failedPerSecond = new AtomicIntegerArray(seconds + 1);
        Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

        try (var executor = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .connectTimeout(timeout).executor(executor).build()) {
            List<HttpRequest> requests = uris.stream()
                    .map(u -> HttpRequest.newBuilder(u).timeout(timeout).GET().build()).toList();
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            long startEpochMillis = System.currentTimeMillis();
            List<CompletableFuture<?>> pending = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int n = i;
                int second = (int) (i / rate);
                HttpRequest request = requests.get(i % requests.size());
                pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                    latencyNanos[n] = System.nanoTime() - due;
                    if (error == null && response.statusCode() / 100 == 2) {
                        outcome[n] = OK;
                        perTarget.computeIfAbsent(target(response.body()), k -> new AtomicLong()).incrementAndGet();
                        return null;
                    }
                    int kind = error == null ? NON_2XX : kind(error);
                    outcome[n] = kind;
                    String key = error == null ? "http " + response.statusCode() : describe(error);
                    errorKinds.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                    failedPerSecond.incrementAndGet(second);
                    return null;
                }));
            }
            // Every request has its own deadline; the bound here only guards against a client that never completes.
            try {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                        .get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                System.err.println("traffic-load: some requests did not complete; counted as timeouts");
            }
            Path partial = out.resolveSibling(out.getFileName() + ".partial");
            write(partial, args[0], rate, seconds, startEpochMillis, latencyNanos, outcome, perTarget, failedPerSecond,
                    errorKinds);
            Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The serving container's hostname: the first line of the body, at most 64 characters. */
    private static String target(String body) {
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > 64 ? line.substring(0, 64) : line.isEmpty() ? "(empty body)" : line;
    }

    private static int kind(Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException) {
            return CONNECT;
        }
        if (e instanceof HttpTimeoutException) {
            return TIMEOUT;
        }
        return OTHER;
    }

    private static String describe(Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return switch (kind(e)) {
            case CONNECT -> e instanceof HttpConnectTimeoutException ? "connect timeout" : "connection refused/failed";
            case TIMEOUT -> "response timeout";
            default -> e.getClass().getSimpleName() + (e instanceof IOException && e.getMessage() != null
                    ? ": " + e.getMessage().replaceAll("[\"\\\\\\p{Cntrl}]", " ") : "");
        };
    }

    private static void write(Path out, String url, int rate, int seconds, long startEpochMillis, long[] latencyNanos,
                              int[] outcome, Map<String, AtomicLong> perTarget, AtomicIntegerArray failedPerSecond,
                              Map<String, AtomicLong> errorKinds) throws IOException {
        int[] counts = new int[5];
        long[] okLatencies = new long[latencyNanos.length];
        int ok = 0;
        for (int i = 0; i < outcome.length; i++) {
            int kind = outcome[i] < 0 ? TIMEOUT : outcome[i];
            counts[kind]++;
            if (kind == OK) {
                okLatencies[ok++] = latencyNanos[i];
            }
        }
        long[] sorted = Arrays.copyOf(okLatencies, ok);
        Arrays.sort(sorted);
        try (PrintStream p = new PrintStream(Files.newOutputStream(out), true, "UTF-8")) {
            p.printf("{\"url\":\"%s\",\"rate\":%d,\"seconds\":%d,\"startEpochMillis\":%d,", url, rate, seconds,
                    startEpochMillis);
            p.printf("\"requests\":%d,\"ok\":%d,\"failed\":%d,\"non2xx\":%d,\"connectErrors\":%d,\"timeouts\":%d,"
                            + "\"otherErrors\":%d,", outcome.length, counts[OK], outcome.length - counts[OK],
                    counts[NON_2XX], counts[CONNECT], counts[TIMEOUT], counts[OTHER]);
            p.printf("\"p50Ms\":%s,\"p90Ms\":%s,\"p99Ms\":%s,\"maxMs\":%s,", millis(rank(sorted, 50)),
                    millis(rank(sorted, 90)), millis(rank(sorted, 99)),
                    millis(sorted.length == 0 ? -1 : sorted[sorted.length - 1]));
            p.print("\"perTarget\":{");
            String sep = "";
            for (var e : new TreeMap<>(perTarget).entrySet()) {
                p.printf("%s\"%s\":%d", sep, e.getKey().replaceAll("[\"\\\\\\p{Cntrl}]", "?"), e.getValue().get());
                sep = ",";
            }
            p.print("},\"errors\":{");
            sep = "";
            for (var e : new TreeMap<>(errorKinds).entrySet()) {
                p.printf("%s\"%s\":%d", sep, e.getKey(), e.getValue().get());
                sep = ",";
            }
            p.print("},\"failedPerSecond\":{");
            sep = "";
            for (int s = 0; s < failedPerSecond.length(); s++) {
                if (failedPerSecond.get(s) > 0) {
                    p.printf("%s\"%d\":%d", sep, s, failedPerSecond.get(s));
                    sep = ",";
                }
            }
            p.println("}}");
        }
    }

    /** Nearest rank; -1 when there is nothing to rank. */
    private static long rank(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "null" : String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
