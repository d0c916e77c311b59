package io.berth.app.watch;

import io.berth.app.BerthContextTest;
import io.berth.app.api.ClusterBootstrap;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.reconciler.model.HealthStatus;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.traffic.BackendCounters;
import io.berth.reconciler.traffic.TargetHealth;
import io.berth.reconciler.traffic.TrafficStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code GET /v1/watch} over real HTTP against the running application and its PostgreSQL: what a GitOps pipeline
 * or the CLI sees. Changes are made through the API (apply), so the stream is fed by the database triggers.
 */
class WatchApiTest extends BerthContextTest {

    private static final String CLUSTER = "watch-test";
    /** Longest wait for something the server must send; a hung stream fails the test instead of hanging it. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;
    @Autowired
    private ClusterBootstrap clusters;
    @Autowired
    private WatchStreams streams;
    @Autowired
    private ChangeLog changeLog;
    @Autowired
    private StateStore stateStore;
    @Autowired
    private ServiceRepository services;
    @Autowired
    private TaskRepository tasks;
    @Autowired
    private io.berth.db.repository.ContainerInstanceRepository instances;
    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    private ChangeSequencer sequencer;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Sse> opened = new ArrayList<>();

    @BeforeEach
    void cluster() {
        clusters.ensureExists(CLUSTER);
    }

    @AfterEach
    void closeStreams() {
        opened.forEach(Sse::close);
    }

    /** One parsed Server-Sent Event; {@code comment} for comment lines (heartbeats). */
    record Event(String id, String name, String data, String comment) {
        JsonNode json() {
            return JsonMapper.builder().build().readTree(data);
        }

        long position() {
            return Long.parseLong(id);
        }
    }

    /** A stream read on a thread of its own into a queue. */
    final class Sse {
        final HttpResponse<Stream<String>> response;
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        Sse(HttpResponse<Stream<String>> response) {
            this.response = response;
            Thread.ofVirtual().start(() -> {
                String id = null, name = null;
                StringBuilder data = new StringBuilder();
                try (Stream<String> lines = response.body()) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        if (line.isEmpty()) {
                            if (name != null || !data.isEmpty()) {
                                events.add(new Event(id, name, data.toString(), null));
                            }
                            id = null;
                            name = null;
                            data.setLength(0);
                        } else if (line.startsWith(":")) {
                            events.add(new Event(null, null, null, line.substring(1).strip()));
                        } else if (line.startsWith("id:")) {
                            id = line.substring(3).strip();
                        } else if (line.startsWith("event:")) {
                            name = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5).strip());
                        }
                    }
                } catch (RuntimeException e) {
                    // closed by the test
                }
            });
        }

        Event next(Predicate<Event> wanted) throws InterruptedException {
            Instant end = Instant.now().plus(PATIENCE);
            while (Instant.now().isBefore(end)) {
                Event e = events.poll(200, TimeUnit.MILLISECONDS);
                if (e != null && wanted.test(e)) {
                    return e;
                }
            }
            return fail("no matching event within " + PATIENCE);
        }

        Event nextEvent() throws InterruptedException {
            return next(e -> e.comment() == null);
        }

        void close() {
            response.body().close();
        }
    }

    private Sse watch(String query, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/watch" + query))
                .header("Authorization", BEARER).header("Accept", "text/event-stream");
        headers.forEach(req::header);
        HttpResponse<Stream<String>> response = http.send(req.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        Sse sse = new Sse(response);
        opened.add(sse);
        return sse;
    }

    private void apply(String service, int desired) throws IOException, InterruptedException {
        String yaml = """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: watchweb}
                spec:
                  containers:
                    - {name: httpd, image: busybox:1.36, command: [httpd, -f]}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %s, cluster: %s}
                spec: {taskDefinition: watchweb, desiredCount: %d}
                """.formatted(service, CLUSTER, desired);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/apply"))
                .header("Authorization", BEARER).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void streamsTheChangesOfOneServiceInOrderAndNothingOfOthers() throws Exception {
        String web = unique("web");
        String other = unique("other");
        Sse sse = watch("?cluster=" + CLUSTER + "&service=" + web, Map.of());
        Event sync = sse.nextEvent();
        assertThat(sync.name()).isEqualTo("sync");

        apply(other, 1);
        apply(web, 2);

        Event service = sse.nextEvent();
        assertThat(service.name()).isEqualTo("service");
        assertThat(service.position()).isGreaterThan(sync.position());
        JsonNode s = service.json();
        assertThat(s.get("op").asString()).isEqualTo("created");
        assertThat(s.get("cluster").asString()).isEqualTo(CLUSTER);
        assertThat(s.get("object").get("name").asString()).isEqualTo(web);
        assertThat(s.get("object").get("desiredCount").asInt()).isEqualTo(2);

        Event deployment = sse.next(e -> "deployment".equals(e.name()));
        assertThat(deployment.position()).isGreaterThan(service.position());
        assertThat(deployment.json().get("object").get("rolloutState").asString()).isEqualTo("IN_PROGRESS");
        assertThat(deployment.json().get("object").get("trigger").asString()).isEqualTo("CREATED");

        apply(web, 3); // a scale: one more change of the service
        Event scaled = sse.next(e -> "service".equals(e.name()));
        assertThat(scaled.position()).isGreaterThan(deployment.position());
        assertThat(scaled.json().get("object").get("desiredCount").asInt()).isEqualTo(3);

        List<Event> seen = new ArrayList<>(List.of(service, deployment, scaled));
        seen.addAll(sse.events);
        assertThat(seen).filteredOn(e -> e.data() != null)
                .allSatisfy(e -> assertThat(e.json().get("service").asString()).isEqualTo(web));
    }

    /**
     * A task turning healthy, then unhealthy, is a task change with its healthStatus, written by the path the
     * reconciler records containers through (its STARTING → HEALTHY → UNHEALTHY health checks).
     */
    @Test
    void aTaskTurningHealthyOrUnhealthyIsATaskChange() throws Exception {
        String web = unique("web");
        apply(web, 1);
        ServiceEntity service = services.findByClusterAndName(CLUSTER, web).orElseThrow();
        TaskEntity running = new TaskEntity(CLUSTER, service.getTaskDefinition(), 0, 64);
        running.setService(service.getId(), web);
        running.setLastStatus(LastStatus.RUNNING);
        UUID task = tasks.saveAndFlush(running).getId();
        Sse sse = watch("?service=" + web, Map.of());
        sse.nextEvent(); // sync

        stateStore.recordContainers(task, List.of(httpd(HealthStatus.STARTING)), Instant.now());
        stateStore.recordContainers(task, List.of(httpd(HealthStatus.HEALTHY)), Instant.now());
        Event healthy = sse.next(e -> "task".equals(e.name()) && "HEALTHY".equals(healthOf(e)));
        assertThat(healthy.json().get("op").asString()).isEqualTo("updated");
        assertThat(healthy.json().get("object").get("id").asString()).isEqualTo(task.toString());
        assertThat(healthy.json().get("object").get("lastStatus").asString()).isEqualTo("RUNNING");

        stateStore.recordContainers(task, List.of(httpd(HealthStatus.UNHEALTHY)), Instant.now());
        Event unhealthy = sse.next(e -> "task".equals(e.name()) && e.position() > healthy.position());
        assertThat(healthOf(unhealthy)).isEqualTo("UNHEALTHY");
        assertThat(tasks.findById(task).orElseThrow().getHealthStatus().name()).isEqualTo("UNHEALTHY");
    }

    /**
     * A task behind a target group asked to stop while RUNNING is drained first: the stream shows it DEACTIVATING
     * (as GET does), not the RUNNING the database stores; a task of a service without load balancers stays RUNNING.
     */
    @Test
    void aTaskAskedToStopWhileItsLoadBalancersDrainItIsDeactivating() throws Exception {
        String web = unique("lbweb");
        String yaml = """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: watchlbweb}
                spec:
                  containers:
                    - {name: httpd, image: busybox:1.36, command: [httpd, -f], portMappings: [{containerPort: 8080}]}
                ---
                apiVersion: berth/v1
                kind: TargetGroup
                metadata: {name: %1$s, cluster: %2$s}
                spec: {deregistrationDelay: 30s}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: %2$s}
                spec:
                  taskDefinition: watchlbweb
                  desiredCount: 1
                  loadBalancers: [{targetGroup: %1$s, containerName: httpd, containerPort: 8080}]
                """.formatted(web, CLUSTER);
        HttpResponse<String> applied = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/apply"))
                .header("Authorization", BEARER).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(applied.statusCode()).as(applied.body()).isBetween(200, 299);
        UUID task = runningTask(web, List.of(new io.berth.reconciler.model.PortMapping(8080, 32768, "tcp")));
        String plain = unique("web");
        apply(plain, 1);
        UUID plainTask = runningTask(plain, List.of());
        Sse sse = watch("?cluster=" + CLUSTER, Map.of());
        sse.nextEvent(); // sync

        stateStore.requestStops(List.of(
                new StateStore.StopRequest(task, io.berth.reconciler.model.StopCode.UserInitiated, "test"),
                new StateStore.StopRequest(plainTask, io.berth.reconciler.model.StopCode.UserInitiated, "test")),
                Instant.now());
        // The stop's change (an earlier change of the same task may still be on its way: it is skipped)
        Event drained = sse.next(e -> stopOf(e, task));
        assertThat(drained.json().get("object").get("lastStatus").asString()).isEqualTo("DEACTIVATING");
        Event stopped = sse.next(e -> stopOf(e, plainTask));
        assertThat(stopped.json().get("object").get("lastStatus").asString()).as("nothing to drain").isEqualTo("RUNNING");
    }

    private static boolean stopOf(Event e, UUID task) {
        return "task".equals(e.name()) && e.json().get("id").asString().equals(task.toString())
                && "STOPPED".equals(e.json().path("object").path("desiredStatus").asString(""));
    }

    private UUID runningTask(String serviceName, List<io.berth.reconciler.model.PortMapping> ports) {
        ServiceEntity service = services.findByClusterAndName(CLUSTER, serviceName).orElseThrow();
        TaskEntity running = new TaskEntity(CLUSTER, service.getTaskDefinition(), 0, 64);
        running.setService(service.getId(), serviceName);
        running.setLastStatus(LastStatus.RUNNING);
        UUID id = tasks.saveAndFlush(running).getId();
        stateStore.recordContainers(id, List.of(new TaskContainer("httpd", "c0ffee", TaskStatus.RUNNING, null, null,
                ports, HealthStatus.UNKNOWN)), Instant.now());
        return id;
    }

    /** A host registered, drained, disconnected: instance changes, in the cluster's stream; heartbeats are not. */
    @Test
    void anInstanceRegisteredDrainedOrDisconnectedIsAnInstanceChange() throws Exception {
        Sse sse = watch("?cluster=" + CLUSTER, Map.of());
        sse.nextEvent(); // sync
        ContainerInstanceEntity host = new ContainerInstanceEntity(CLUSTER, "tcp://198.18.0.250:2376", 2048, 4096);
        host.setConnected(true);
        host = instances.saveAndFlush(host);
        String id = host.getId().toString();

        Event created = sse.next(e -> "instance".equals(e.name()));
        assertThat(created.json().get("op").asString()).isEqualTo("created");
        assertThat(created.json().get("id").asString()).isEqualTo(id);
        assertThat(created.json().get("object").get("status").asString()).isEqualTo("ACTIVE");

        stateStore.recordInstanceContact(host.getId(), true, Instant.now()); // a heartbeat: no change
        host = instances.findById(host.getId()).orElseThrow();
        host.setStatus(InstanceStatus.DRAINING);
        instances.saveAndFlush(host);
        Event drained = sse.next(e -> "instance".equals(e.name()) && e.position() > created.position());
        assertThat(drained.json().get("object").get("status").asString()).isEqualTo("DRAINING");

        stateStore.recordInstanceContact(host.getId(), false, Instant.now());
        Event lost = sse.next(e -> "instance".equals(e.name()) && e.position() > drained.position());
        assertThat(lost.json().get("object").get("connected").asBoolean()).isFalse();
        assertThat(changeLog.read(created.position() - 1, lost.position(), new WatchFilter(CLUSTER, null), 100).stream()
                .filter(c -> c.kind().equals("instance"))).as("created, drained, disconnected: no heartbeat").hasSize(3);
    }

    /**
     * A target first reported, turning unhealthy, gone: target changes in its service's stream, as the traffic pass
     * hands what HAProxy says to the change feed; a new check latency alone is not a change.
     */
    @Test
    void aTargetAppearingChangingStateAndGoingIsATargetChange() throws Exception {
        String web = unique("web");
        TargetHealthChanges feed = new TargetHealthChanges(jdbc, sequencer);
        Sse sse = watch("?cluster=" + CLUSTER + "&service=" + web, Map.of());
        sse.nextEvent(); // sync
        UUID host = UUID.randomUUID();
        String task = UUID.randomUUID().toString();
        java.util.function.Function<TargetHealth, TrafficStats> stats = h -> new TrafficStats(
                List.of(new TrafficStats.BackendSample("edge", "web-tg", host, "c1", new BackendCounters(1, 0, 0))),
                List.of(new TrafficStats.TargetSample("edge", "web-tg", "t-" + task, task, web, host, 32768, h)),
                java.util.Set.of());

        feed.observed(CLUSTER, stats.apply(new TargetHealth("healthy", null, "L7OK 2ms")));
        Event created = sse.next(e -> "target".equals(e.name()));
        JsonNode c = created.json();
        assertThat(c.get("op").asString()).isEqualTo("created");
        assertThat(c.get("id").asString()).isEqualTo(task);
        assertThat(c.get("object").get("loadBalancer").asString()).isEqualTo("edge");
        assertThat(c.get("object").get("targetGroup").asString()).isEqualTo("web-tg");
        assertThat(c.get("object").get("target").get("instanceId").asString()).isEqualTo(host.toString());
        assertThat(c.get("object").get("target").get("port").asInt()).isEqualTo(32768);
        assertThat(c.get("object").get("health").get("state").asString()).isEqualTo("healthy");

        feed.observed(CLUSTER, stats.apply(new TargetHealth("healthy", null, "L7OK 9ms")));
        feed.observed(CLUSTER, stats.apply(new TargetHealth("unhealthy", "Target.FailedHealthChecks", "L7STS 503")));
        Event updated = sse.next(e -> "target".equals(e.name()));
        assertThat(updated.json().get("op").asString()).isEqualTo("updated");
        assertThat(updated.json().get("object").get("previousState").asString()).isEqualTo("healthy");
        assertThat(updated.json().get("object").get("health").get("reason").asString())
                .isEqualTo("Target.FailedHealthChecks");

        feed.observed(CLUSTER, TrafficStats.EMPTY);
        Event deleted = sse.next(e -> "target".equals(e.name()));
        assertThat(deleted.json().get("op").asString()).isEqualTo("deleted");
        assertThat(changeLog.read(created.position() - 1, deleted.position(), new WatchFilter(CLUSTER, web), 100))
                .as("created, unhealthy, deleted: no change for a new latency").hasSize(3);
    }

    private static TaskContainer httpd(HealthStatus health) {
        return new TaskContainer("httpd", "c0ffee", TaskStatus.RUNNING, null, null, List.of(), health);
    }

    private static String healthOf(Event e) {
        return e.json().get("object").get("healthStatus").asString();
    }

    @Test
    void resumesFromLastEventIdWithoutLosingOrRepeatingChanges() throws Exception {
        String web = unique("web");
        Sse first = watch("?service=" + web, Map.of());
        first.nextEvent(); // sync
        apply(web, 1);
        Event lastSeen = first.next(e -> "deployment".equals(e.name()));
        first.close();

        apply(web, 4); // while nobody watches

        Sse resumed = watch("?service=" + web, Map.of("Last-Event-ID", lastSeen.id()));
        Event next = resumed.nextEvent();
        assertThat(next.position()).isGreaterThan(lastSeen.position());
        // what came after the last event seen, in order: the first apply's remaining events, then the scale
        List<Event> after = new ArrayList<>(List.of(next));
        after.add(resumed.next(e -> "service".equals(e.name())));
        assertThat(after.getLast().json().get("object").get("desiredCount").asInt()).isEqualTo(4);
        assertThat(after).extracting(Event::position).isSorted().doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isGreaterThan(lastSeen.position()));

        // ?since= wins over the header: from the same position again, the same change comes first
        Sse again = watch("?service=" + web + "&since=" + lastSeen.id(), Map.of("Last-Event-ID", "0"));
        assertThat(again.nextEvent().id()).isEqualTo(next.id());
    }

    @Test
    void aHeartbeatKeepsAQuietStreamAliveAndAGoneClientIsNoticed() throws Exception {
        awaitOpenStreams(0); // the other tests' streams end at their next heartbeat
        int before = streams.openCount();
        Sse sse = watch("?service=" + unique("nobody"), Map.of());
        sse.nextEvent(); // sync
        assertThat(sse.next(e -> e.comment() != null).comment()).isEqualTo("heartbeat");
        assertThat(streams.openCount()).isEqualTo(before + 1);

        sse.close();

        awaitOpenStreams(before); // the next heartbeat's write fails and ends the stream
        assertThat(streams.openCount()).isEqualTo(before);
    }

    private void awaitOpenStreams(int count) throws InterruptedException {
        Instant end = Instant.now().plus(PATIENCE);
        while (streams.openCount() > count && Instant.now().isBefore(end)) {
            Thread.sleep(100);
        }
    }

    @Test
    void resumingFromBeforeWhatWasPrunedSaysReset() throws Exception {
        String web = unique("web");
        apply(web, 1);
        Instant end = Instant.now().plus(PATIENCE); // wait until the sequencer has numbered the apply's changes
        while (changeLog.read(0, changeLog.head(), new WatchFilter(CLUSTER, web), 1).isEmpty() && Instant.now().isBefore(end)) {
            Thread.sleep(50);
        }
        changeLog.prune(Instant.now().plus(Duration.ofDays(1)));

        Sse sse = watch("?since=0", Map.of());
        Event reset = sse.nextEvent();

        assertThat(reset.name()).isEqualTo("reset");
        assertThat(reset.position()).isEqualTo(changeLog.prunedUpTo()).isPositive();
        assertThat(reset.json().get("reason").asString()).contains("were pruned");
    }

    @Test
    void aBadPositionIsRefusedNamingTheField() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/watch?since=yesterday"))
                .header("Authorization", BEARER).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("since");
        assertThat(body.get("errors").get(0).get("message").asString()).contains("\"yesterday\"");
    }

    @Test
    void theStreamNeedsTheToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/watch"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
