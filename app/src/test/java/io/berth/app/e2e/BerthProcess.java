package io.berth.app.e2e;

import io.berth.db.test.PostgresContainerSupport;
import org.testcontainers.postgresql.PostgreSQLContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged berth.jar run as a real process against a real PostgreSQL (Testcontainers) and the local
 * Docker engine — so that a test can SIGKILL it and start it again, as an operator would.
 */
final class BerthProcess implements AutoCloseable {

    /** The cache's own warnings (classes it skips) would fill Berth's log at every start. */
    private static final String QUIET_AOT_LOG = "-Xlog:aot*=error,cds*=error";
    static final String TOKEN = "e2e-admin-token-of-at-least-32-chars";

    private final Path jar = Path.of(System.getProperty("berth.jar", "target/berth.jar"));
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final List<String> extraArgs;
    /** A database of its own in the tests' PostgreSQL (unused with {@link #dataSourceOverride}). */
    private final String database;
    /** A PostgreSQL of the test's own (one it stops and starts), or null for the tests' shared container. */
    private DataSource dataSourceOverride;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private Process process;
    private int starts;
    /** JVM options before {@code -jar}, e.g. to trade peak speed for start-up in a suite that restarts Berth often. */
    private List<String> jvmOptions = List.of();
    /** berth.jar extracted for {@link #useAotCache()}, else null: {@link #jar} itself runs. */
    private Path runJar;

    /**
     * Berth on a database of its own (created on first start; two Berths of one test may share it). Never the
     * container's shared database: what a test leaves stored there (a service, a load balancer) a Berth of a later
     * test would start again, on an engine whose clean-up had already run, and it would outlive the test run.
     */
    BerthProcess(String name, List<String> extraArgs, String database) {
        try {
            Path target = Files.createDirectories(Path.of("target", "e2e"));
            this.dataDir = Files.createTempDirectory(target, name + "-").toAbsolutePath();
            this.log = dataDir.resolve("berth.log");
            try (ServerSocket s = new ServerSocket(0)) {
                this.port = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.extraArgs = List.copyOf(extraArgs);
        this.database = database;
    }

    /** Connection settings of a PostgreSQL of the test's own. */
    record DataSource(String url, String username, String password) {
    }

    /** Berth on a PostgreSQL of the test's own (one it stops and starts), not the tests' shared container. */
    BerthProcess(String name, List<String> extraArgs, DataSource dataSource) {
        this(name, extraArgs, "unused");
        this.dataSourceOverride = dataSource;
    }

    /** Starts Berth and waits until it reports healthy. */
    void start() {
        List<String> cmd = command(List.of());
        try {
            starts++;
            Files.writeString(log, "\n==== start " + starts + " ====\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A bound, not a measurement: on a loaded 2-core machine shared by several builds, start-up has taken 120 s.
        Await.until(Duration.ofSeconds(300), "Berth healthy on port " + port + " (log: " + log + ")", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Berth exited with " + process.exitValue() + "; log: " + log);
            }
            return healthy();
        });
        if (starts == 1) {
            recordInstallation();
        }
    }

    /**
     * Where the installation ids of the test Berths go, one a line: scripts/test.sh removes the containers that carry
     * them when the suite ends (those of a test JVM that was killed, and the tasks a Berth started after its test's
     * clean-up), and nothing else on the engine — a developer's own Berth has an installation id of its own.
     */
    static final Path INSTALLATIONS = Path.of("target", "e2e", "installations");

    private void recordInstallation() {
        DataSource ds = dataSourceOverride != null ? dataSourceOverride : sharedDataSource();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(ds.url(), ds.username(), ds.password());
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet r = st.executeQuery("SELECT id FROM installation")) {
            while (r.next()) {
                Files.writeString(INSTALLATIONS, r.getString(1) + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the installation id of " + ds.url() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DataSource sharedDataSource() {
        PostgreSQLContainer pg = PostgresContainerSupport.container();
        return new DataSource(PostgresDatabases.ensure(pg, database),
                pg.getUsername(), pg.getPassword());
    }

    /** True while the process runs (it never exits on its own: not over a lease, not over a database outage). */
    boolean alive() {
        return process != null && process.isAlive();
    }

    private List<String> command(List<String> moreJvmOptions) {
        DataSource ds = dataSourceOverride != null ? dataSourceOverride : sharedDataSource();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m"));
        cmd.addAll(jvmOptions);
        cmd.addAll(moreJvmOptions);
        cmd.addAll(List.of("-jar", (runJar == null ? jar : runJar).toString(),
                "--server.port=" + port,
                // Several Berths run on this machine at once: each its own DNS port.
                "--berth.discovery.dns.port=0",
                "--berth.data-dir=" + dataDir,
                "--berth.security.admin-token=" + TOKEN,
                // The netns cluster's client certificates (scripts/cluster-lib.sh), registered as tlsCertPath.
                "--berth.instances.tls-cert-dir=/var/lib/berth-hosts/tls",
                "--spring.datasource.url=" + ds.url(),
                "--spring.datasource.username=" + ds.username(),
                "--spring.datasource.password=" + ds.password()));
        cmd.addAll(extraArgs);
        return cmd;
    }

    /**
     * Makes the next {@link #start()}s use the JVM's ahead-of-time cache (JEP 483/514, as Spring Boot documents for
     * production): berth.jar is extracted (a cache needs plain jars on the class path, not nested ones) and run once
     * for training — to the end of its context refresh, then exit — which writes the cache of loaded and linked
     * classes and method profiles. A start then costs a third of the CPU time. Call before the first start, with
     * the JVM options already set (the cache is only taken by a JVM started with the same ones).
     *
     * @return what the extraction and training took
     */
    AotTraining useAotCache() {
        long wall = System.nanoTime();
        Path dir = dataDir.resolve("aot");
        Path extracted = dir.resolve("berth.jar");
        Path cache = dir.resolve("berth.aot");
        try {
            Files.createDirectories(dir);
            Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", jar.toString(), "extract", "--force", "--destination", dir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!extract.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                throw new AssertionError("extracting " + jar + " failed; log: " + log);
            }
            runJar = extracted;
            Files.writeString(log, "\n==== AOT cache training ====\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process training = new ProcessBuilder(command(List.of("-XX:AOTCacheOutput=" + cache,
                    "-Dspring.context.exit=onRefresh", QUIET_AOT_LOG)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            // A bound, not a measurement (see start()): the training run is a start-up plus writing the cache.
            if (!training.waitFor(400, java.util.concurrent.TimeUnit.SECONDS)) {
                training.destroyForcibly();
                throw new AssertionError("AOT cache training did not end; log: " + log);
            }
            if (training.exitValue() != 0 || !Files.exists(cache)) {
                throw new AssertionError("AOT cache training exited with " + training.exitValue() + "; log: " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        jvmOptions = new ArrayList<>(jvmOptions);
        jvmOptions.addAll(List.of("-XX:AOTCache=" + cache, QUIET_AOT_LOG));
        jvmOptions = List.copyOf(jvmOptions);
        return new AotTraining(Duration.ofNanos(System.nanoTime() - wall));
    }

    /** Wall time of {@link #useAotCache()}'s extraction and training run (an ended process's CPU time is not known). */
    record AotTraining(Duration wall) {
    }

    /**
     * CPU time the running process has used so far (user + system), or zero where the platform does not say: with
     * {@link #start()} it tells what start-up costs regardless of how busy the machine is.
     */
    Duration cpuTime() {
        return process == null ? Duration.ZERO : process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Sets JVM options for the next {@link #start()}s. */
    BerthProcess jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
        return this;
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    HttpResponse<String> send(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body, TOKEN);
    }

    /** As another caller: {@code token} is an API token's secret (or the admin token). */
    HttpResponse<String> send(String method, String path, String contentType, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode getJson(String path) {
        HttpResponse<String> r = send("GET", path, null, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    Path log() {
        return log;
    }

    String url() {
        return "http://localhost:" + port;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
