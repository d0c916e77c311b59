package io.berth.app.api;

import io.berth.app.wakeups.ReconcileNotifier;
import io.berth.app.BerthContextTest;
import io.berth.app.wakeups.ReconcileNotifier.ServiceChangedEvent;
import io.berth.db.model.ServiceEntity;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.reconciler.loop.ControlLoop;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Base of the API tests. Shares {@link BerthContextTest}'s context (it adds nothing to the configuration)
 * and never cleans tables: every test works with names of its own, so tests of other modules' code that
 * use the same database are not disturbed.
 *
 * <p>Services go to cluster {@link #CLUSTER}, which has no container instances: should a control loop run
 * in this context, it can place nothing there and leaves the tests' tasks alone as far as it can.
 *
 * <p>The loop is observed through {@link ServiceChangedEvent}s, which {@link ReconcileNotifier} publishes
 * each time it tells the trigger; recording events changes nothing in the shared context.
 */
@RecordApplicationEvents
abstract class ApiTestSupport extends BerthContextTest {

    protected static final String CLUSTER = "api-test";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected ApplicationEvents events;
    @Autowired
    protected TaskDefinitionRepository taskDefinitions;
    @Autowired
    protected ServiceRepository services;
    @Autowired
    protected ServiceEventRepository serviceEvents;
    @Autowired
    protected TaskRepository tasks;
    @Autowired
    protected ClusterRepository clusters;
    @Autowired
    private ClusterBootstrap clusterBootstrap;
    @Autowired
    private ApplicationContext context;

    @BeforeEach
    void ensureTestCluster() {
        clusterBootstrap.ensureExists(CLUSTER);
    }

    /** True when a control loop was wired and enabled in this context; it then acts on the tests' rows too. */
    protected boolean loopRunning() {
        return context.getBeanNamesForType(ControlLoop.class).length > 0
                && context.getEnvironment().getProperty("berth.reconciler.enabled", Boolean.class, true);
    }

    /** A name no other test uses, e.g. "web-17". */
    protected static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    protected ResultActions applyYaml(String yaml) throws Exception {
        return mvc.perform(post("/v1/apply").header("Authorization", BEARER)
                .contentType(MediaType.parseMediaType("application/yaml")).content(yaml));
    }

    protected ResultActions applyYaml(String yaml, boolean dryRun) throws Exception {
        return mvc.perform(post("/v1/apply").param("dryRun", String.valueOf(dryRun)).header("Authorization", BEARER)
                .contentType(MediaType.parseMediaType("application/yaml")).content(yaml));
    }

    /** Ids of the services the loop was told about since the test (or the last {@link #clearEvents}) began. */
    protected List<UUID> triggered() {
        return events.stream(ServiceChangedEvent.class).map(ServiceChangedEvent::serviceId).toList();
    }

    protected void clearEvents() {
        events.clear();
    }

    protected ServiceEntity service(String name) {
        return services.findByClusterAndName(CLUSTER, name).orElseThrow();
    }

    protected static String taskDefinition(String family, String image) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata:
                  name: %s
                spec:
                  containers:
                    - name: app
                      image: %s
                      memory: 64
                      portMappings:
                        - containerPort: 80
                      healthCheck:
                        command: ["CMD-SHELL", "wget -q -O /dev/null http://localhost/ || exit 1"]
                        interval: 5s
                        timeout: 2s
                        retries: 3
                        startPeriod: 1m30s
                """.formatted(family, image);
    }

    protected static String service(String name, String taskDefinition, int desiredCount) {
        return """
                apiVersion: berth/v1
                kind: Service
                metadata:
                  name: %s
                  cluster: %s
                spec:
                  taskDefinition: "%s"
                  desiredCount: %d
                """.formatted(name, CLUSTER, taskDefinition, desiredCount);
    }

    /** A service of desired count 0 in another cluster than the shared test cluster. */
    protected static String serviceIn(String cluster, String name, String taskDefinition) {
        return service(name, taskDefinition, 0).replace("cluster: " + CLUSTER, "cluster: " + cluster);
    }

    protected static String documents(String... documents) {
        return String.join("---\n", documents);
    }
}
