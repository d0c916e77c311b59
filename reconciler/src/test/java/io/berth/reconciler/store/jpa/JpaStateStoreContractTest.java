package io.berth.reconciler.store.jpa;

import io.berth.db.BerthDbTestApplication;
import io.berth.db.model.ClusterEntity;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.ServiceEntity;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.db.test.PostgresContainerSupport;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.HostPort;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.model.TaskDefinition;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.SpecJson;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.store.StateStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.testcontainers.postgresql.PostgreSQLContainer;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The production store on real PostgreSQL with Berth's migrations: what the contract asks of every store. One
 * container and one Spring context (JPA, Flyway) for the class; every test starts from empty tables.
 */
class JpaStateStoreContractTest extends StateStoreContract {

    private static ConfigurableApplicationContext context;
    private static JpaStateStore store;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate tx;

    private final SpecJson specJson = new SpecJson();

    @BeforeAll
    static void startStore() {
        PostgreSQLContainer pg = PostgresContainerSupport.container();
        context = new SpringApplicationBuilder(BerthDbTestApplication.class)
                .properties(Map.of("spring.datasource.url", pg.getJdbcUrl(),
                        "spring.datasource.username", pg.getUsername(),
                        "spring.datasource.password", pg.getPassword(),
                        "spring.main.banner-mode", "off"))
                .run();
        DataSource dataSource = context.getBean(DataSource.class);
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        store = new JpaStateStore(context.getBean(ServiceRepository.class), context.getBean(TaskRepository.class),
                context.getBean(TaskDefinitionRepository.class), context.getBean(ContainerInstanceRepository.class),
                context.getBean(ServiceEventRepository.class), context.getBean(DeploymentRepository.class), tx,
                new SpecJson(), dataSource);
    }

    @AfterAll
    static void stopStore() {
        if (context != null) {
            context.close();
        }
    }

    /** Other test classes share the container but keep to their own clusters; this one owns every row it reads. */
    @BeforeEach
    void emptyTables() {
        jdbc.execute("truncate task_container, task, service_event, deployment, service, container_instance, "
                + "task_definition, cluster cascade");
    }

    @Override
    protected StateStore store() {
        return store;
    }

    @Override
    protected void givenTaskDefinition(TaskDefinition td) {
        TaskDefinitionRepository repo = context.getBean(TaskDefinitionRepository.class);
        tx.executeWithoutResult(s -> {
            if (!repo.existsById(new TaskDefinitionId(td.family(), td.revision()))) {
                repo.save(new TaskDefinitionEntity(td.family(), td.revision(), specJson.toJson(td.spec()),
                        specJson.hash(td.spec())));
            }
        });
    }

    @Override
    protected UUID givenService(String name, TaskDefinition td, int desiredCount) {
        givenCluster();
        givenTaskDefinition(td);
        ServiceEntity row = new ServiceEntity(CLUSTER, name, td.arn(), new TaskDefinitionId(td.family(), td.revision()),
                desiredCount, new ServiceSpecJson().toJson(new ServiceSpec(td.arn(), desiredCount)));
        tx.executeWithoutResult(s -> context.getBean(ServiceRepository.class).save(row));
        return row.getId();
    }

    @Override
    protected UUID givenDaemonService(String name, TaskDefinition td) {
        givenCluster();
        givenTaskDefinition(td);
        ServiceSpec spec = new ServiceSpec(td.arn(), 0, java.time.Duration.ZERO, null, null, java.util.List.of(), false,
                io.berth.reconciler.model.SchedulingStrategy.DAEMON);
        ServiceEntity row = new ServiceEntity(CLUSTER, name, td.arn(), new TaskDefinitionId(td.family(), td.revision()),
                0, new ServiceSpecJson().toJson(spec));
        tx.executeWithoutResult(s -> context.getBean(ServiceRepository.class).save(row));
        return row.getId();
    }

    @Override
    protected ContainerInstance givenInstance(int cpu, int memory, Set<HostPort> reservedPorts) {
        givenCluster();
        ContainerInstanceEntity row = new ContainerInstanceEntity(CLUSTER, "tcp://198.18.0.1:2376", cpu, memory);
        row.setEndpoint("tcp://" + row.getId() + ":2376");
        row.setConnected(true);
        row.setLastSeen(T0);
        if (reservedPorts != null) {
            row.setReservedPorts(HostPort.formatList(reservedPorts));
        }
        tx.executeWithoutResult(s -> context.getBean(ContainerInstanceRepository.class).save(row));
        return store.instance(row.getId()).orElseThrow();
    }

    @Override
    protected int eventCount(UUID serviceId) {
        Integer n = jdbc.queryForObject("select count(*) from service_event where service_id = ?", Integer.class,
                serviceId);
        return n == null ? 0 : n;
    }

    private void givenCluster() {
        ClusterRepository clusters = context.getBean(ClusterRepository.class);
        tx.executeWithoutResult(s -> {
            if (!clusters.existsById(CLUSTER)) {
                clusters.save(new ClusterEntity(CLUSTER));
            }
        });
    }
}
