package io.berth.app.discovery;

import io.berth.app.BerthContextTest;
import io.berth.app.api.ClusterBootstrap;
import io.berth.app.watch.Change;
import io.berth.app.watch.ChangeLog;
import io.berth.app.watch.WatchFilter;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.LastStatus;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskEntity;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.reconciler.model.HealthStatus;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskContainer;
import io.berth.reconciler.model.TaskStatus;
import io.berth.reconciler.store.StateStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Service discovery against the running application and its PostgreSQL: the endpoints API, the DNS server on its
 * random port queried with dnsjava's own resolver over UDP and TCP, and the {@code endpoints} changes of the watch
 * log. Tasks are written through the store as the reconciler records them (the loop is off in this context).
 */
class DiscoveryTest extends BerthContextTest {

    private static final String CLUSTER = "disc-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String HOST = "198.18.0.201";
    private static final java.util.concurrent.atomic.AtomicInteger ENGINE_PORTS = new java.util.concurrent.atomic.AtomicInteger(20000);

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ClusterBootstrap clusters;
    @Autowired
    private ServiceRepository services;
    @Autowired
    private TaskRepository tasks;
    @Autowired
    private ContainerInstanceRepository instances;
    @Autowired
    private StateStore store;
    @Autowired
    private DnsServer dns;
    @Autowired
    private ChangeLog changeLog;

    private final JsonMapper json = JsonMapper.builder().build();
    private String web;
    private UUID host;

    @BeforeEach
    void service() throws Exception {
        clusters.ensureExists(CLUSTER);
        web = "web-" + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/v1/apply").header("Authorization", BEARER).contentType(MediaType.parseMediaType("application/yaml"))
                .content("""
                        apiVersion: berth/v1
                        kind: TaskDefinition
                        metadata: {name: discweb}
                        spec:
                          containers:
                            - {name: httpd, image: busybox:1.36, command: [httpd, -f], portMappings: [{containerPort: 8080}]}
                        ---
                        apiVersion: berth/v1
                        kind: Service
                        metadata: {name: %s, cluster: %s}
                        spec: {taskDefinition: discweb, desiredCount: 0}
                        """.formatted(web, CLUSTER))).andExpect(status().is2xxSuccessful());
        // One instance per test, all at the same address: endpoints are unique, so each its own engine port.
        ContainerInstanceEntity i = new ContainerInstanceEntity(CLUSTER, "tcp://" + HOST + ":" + ENGINE_PORTS.incrementAndGet(),
                2048, 4096);
        i.setConnected(true);
        host = instances.saveAndFlush(i).getId();
    }

    /** A RUNNING task of the service on the test host, its httpd container publishing 8080 on {@code hostPort}. */
    private UUID task(HealthStatus health, int hostPort) {
        ServiceEntity s = services.findByClusterAndName(CLUSTER, web).orElseThrow();
        TaskEntity t = new TaskEntity(CLUSTER, s.getTaskDefinition(), 0, 64);
        t.setService(s.getId(), web);
        t.setContainerInstanceId(host);
        t.setLastStatus(LastStatus.RUNNING);
        UUID id = tasks.saveAndFlush(t).getId();
        store.recordContainers(id, List.of(httpd(health, hostPort)), Instant.now());
        return id;
    }

    private static TaskContainer httpd(HealthStatus health, int hostPort) {
        return new TaskContainer("httpd", "c0ffee", TaskStatus.RUNNING, null, null,
                List.of(new PortMapping(8080, hostPort, "tcp")), health);
    }

    @Test
    void endpointsListOnlyHealthyTasksAndUnknownNamesAre404s() throws Exception {
        UUID healthy = task(HealthStatus.HEALTHY, 32768);
        task(HealthStatus.STARTING, 32769);
        String body = mvc.perform(get("/v1/clusters/{c}/services/{s}/endpoints", CLUSTER, web).header("Authorization", BEARER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        JsonNode e = json.readTree(body);
        assertThat(e.get("cluster").asString()).isEqualTo(CLUSTER);
        assertThat(e.get("service").asString()).isEqualTo(web);
        assertThat(e.get("total").asInt()).isEqualTo(1);
        assertThat(e.get("truncated").asBoolean()).isFalse();
        JsonNode only = e.get("endpoints").get(0);
        assertThat(e.get("endpoints").size()).isEqualTo(1);
        assertThat(only.get("taskId").asString()).isEqualTo(healthy.toString());
        assertThat(only.get("instanceId").asString()).isEqualTo(host.toString());
        assertThat(only.get("address").asString()).isEqualTo(HOST);
        assertThat(only.get("ports").get(0).get("containerName").asString()).isEqualTo("httpd");
        assertThat(only.get("ports").get(0).get("containerPort").asInt()).isEqualTo(8080);
        assertThat(only.get("ports").get(0).get("protocol").asString()).isEqualTo("tcp");
        assertThat(only.get("ports").get(0).get("hostPort").asInt()).isEqualTo(32768);

        mvc.perform(get("/v1/clusters/{c}/services/nope/endpoints", CLUSTER).header("Authorization", BEARER))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.message").value("service \"nope\" not found in cluster \"" + CLUSTER + "\""));
        mvc.perform(get("/v1/clusters/nope/services/{s}/endpoints", web).header("Authorization", BEARER))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.message").value("cluster \"nope\" not found"));
    }

    @Test
    void dnsAnswersAAndSrvOverUdpAndTcpForHealthyTasksOnly() throws Exception {
        UUID healthy = task(HealthStatus.HEALTHY, 32768);
        UUID starting = task(HealthStatus.STARTING, 32769);
        String service = web + "." + CLUSTER + ".berth.";
        for (boolean tcp : List.of(false, true)) {
            Message a = query(service, Type.A, tcp);
            assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(a.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(a.getSection(Section.ANSWER)).singleElement()
                    .satisfies(r -> assertThat(r.rdataToString()).isEqualTo(HOST))
                    .satisfies(r -> assertThat(r.getTTL()).isEqualTo(5));

            Message srv = query(service, Type.SRV, tcp);
            assertThat(srv.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(SRVRecord.class, r -> {
                assertThat(r.getPort()).isEqualTo(32768);
                assertThat(r.getTarget().toString()).isEqualToIgnoringCase(healthy + "." + service);
            });
            assertThat(srv.getSection(Section.ADDITIONAL)).filteredOn(r -> r.getType() == Type.A)
                    .singleElement().satisfies(r -> assertThat(r.rdataToString()).isEqualTo(HOST));

            Message named = query("_8080._tcp." + service, Type.SRV, tcp);
            assertThat(named.getSection(Section.ANSWER)).singleElement()
                    .isInstanceOfSatisfying(SRVRecord.class, r -> assertThat(r.getPort()).isEqualTo(32768));
            assertThat(query("_httpd._tcp." + service, Type.SRV, tcp).getSection(Section.ANSWER)).hasSize(1);
            assertThat(query("_9999._tcp." + service, Type.SRV, tcp).getSection(Section.ANSWER)).isEmpty();

            Message task = query(healthy + "." + service, Type.A, tcp);
            assertThat(task.getSection(Section.ANSWER)).singleElement()
                    .satisfies(r -> assertThat(r.rdataToString()).isEqualTo(HOST));
            assertThat(query(starting + "." + service, Type.A, tcp).getRcode()).as("unhealthy task").isEqualTo(Rcode.NXDOMAIN);

            // Case does not matter in DNS names.
            assertThat(query(service.toUpperCase(Locale.ROOT), Type.A, tcp).getSection(Section.ANSWER)).hasSize(1);

            Message nodata = query(service, Type.TXT, tcp);
            assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
            assertThat(nodata.getSection(Section.AUTHORITY)).singleElement().satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));

            Message unknown = query("nope." + CLUSTER + ".berth.", Type.A, tcp);
            assertThat(unknown.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(query(web + ".nope.berth.", Type.SRV, tcp).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(query("example.com.", Type.A, tcp).getRcode()).as("another zone").isEqualTo(Rcode.REFUSED);
        }
        // dnsjava's resolver sends zone transfers its own way: the plain query over UDP.
        assertThat(udp(Message.newQuery(Record.newRecord(Name.fromString(service), Type.AXFR, DClass.IN))).getRcode())
                .as("zone transfer").isEqualTo(Rcode.REFUSED);
    }

    @Test
    void aUdpAnswerTooLongForTheClientIsTruncatedAndWholeOverTcp() throws Exception {
        for (int i = 0; i < 12; i++) {
            task(HealthStatus.HEALTHY, 33000 + i);
        }
        String service = web + "." + CLUSTER + ".berth.";
        Message query = Message.newQuery(Record.newRecord(Name.fromString(service), Type.SRV, DClass.IN));
        Message answer = udp(query); // no EDNS record: 512 bytes at most
        assertThat(answer.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(answer.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(query(service, Type.SRV, true).getSection(Section.ANSWER)).hasSize(12);

        // A header and a question cut short: FORMERR with the query's id, and the server keeps answering.
        byte[] garbage = new byte[14];
        garbage[0] = 0x12;
        garbage[1] = 0x34;
        garbage[5] = 1; // one question, whose name says 63 bytes follow and then ends
        garbage[12] = 63;
        garbage[13] = 'a';
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            socket.send(new DatagramPacket(garbage, garbage.length, new InetSocketAddress("127.0.0.1", dns.port())));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            Message formerr = new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
            assertThat(formerr.getHeader().getID()).isEqualTo(0x1234);
            assertThat(formerr.getRcode()).isEqualTo(Rcode.FORMERR);
        }
        assertThat(query(service, Type.A, false).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void aChangeOfTheEndpointsIsAnEndpointsChangeOnTheWatchLog() throws Exception {
        long before = changeLog.head();
        UUID task = task(HealthStatus.STARTING, 32770);
        store.recordContainers(task, List.of(httpd(HealthStatus.HEALTHY, 32770)), Instant.now());
        Change added = awaitEndpointsChange(before, 1);
        JsonNode object = json.readTree(added.payload());
        assertThat(added.op()).isEqualTo("updated");
        assertThat(object.get("endpoints").get(0).get("taskId").asString()).isEqualTo(task.toString());
        assertThat(object.get("endpoints").get(0).get("ports").get(0).get("hostPort").asInt()).isEqualTo(32770);

        store.recordContainers(task, List.of(httpd(HealthStatus.UNHEALTHY, 32770)), Instant.now());
        Change removed = awaitEndpointsChange(added.seq(), 0);
        assertThat(removed.seq()).isGreaterThan(added.seq());
        assertThat(changeLog.read(before, changeLog.head(), new WatchFilter(CLUSTER, web), 1000).stream()
                .filter(c -> c.kind().equals("endpoints"))).as("one change per state: none for the STARTING task")
                .hasSize(2);
    }

    /** The first {@code endpoints} change of the service after {@code after} with {@code count} endpoints. */
    private Change awaitEndpointsChange(long after, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (Change c : changeLog.read(after, changeLog.head(), new WatchFilter(CLUSTER, web), 1000)) {
                if (c.kind().equals("endpoints") && json.readTree(c.payload()).get("endpoints").size() == count) {
                    return c;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no endpoints change with " + count + " endpoints within 20 s");
    }

    /** One query over UDP as it is, the answer as it came (at most 512 bytes without EDNS). */
    private Message udp(Message query) throws Exception {
        byte[] wire = query.toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            socket.send(new DatagramPacket(wire, wire.length, new InetSocketAddress("127.0.0.1", dns.port())));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            socket.receive(reply);
            assertThat(reply.getLength()).isLessThanOrEqualTo(512);
            return new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
        }
    }

    private Message query(String name, int type, boolean tcp) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), dns.port()));
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }
}
