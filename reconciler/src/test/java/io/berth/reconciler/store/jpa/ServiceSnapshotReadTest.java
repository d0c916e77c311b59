package io.berth.reconciler.store.jpa;

import io.berth.db.BerthDbTestApplication;
import io.berth.db.model.ClusterEntity;
import io.berth.db.model.DeploymentEntity;
import io.berth.db.model.DeploymentStatus;
import io.berth.db.model.DeploymentTrigger;
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
import io.berth.reconciler.model.Deployment;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.plan.Fixtures;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.SpecJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.testcontainers.postgresql.PostgreSQLContainer;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service is read in one snapshot: an apply that commits a new revision and its PRIMARY deployment between the
 * statements that read the service's row and its deployments must not give the pass the old revision with the new
 * deployment (it started tasks of the old revision counted as the new deployment's, which then completed without
 * one task of its revision — found by the SIGKILL chaos suite).
 */
class ServiceSnapshotReadTest {

    private static final String CLUSTER = "snapshot-read";
    private static ConfigurableApplicationContext context;
    private static TransactionTemplate tx;

    @BeforeAll
    static void start() {
        PostgreSQLContainer pg = PostgresContainerSupport.container();
        context = new SpringApplicationBuilder(BerthDbTestApplication.class)
                .properties(Map.of("spring.datasource.url", pg.getJdbcUrl(),
                        "spring.datasource.username", pg.getUsername(),
                        "spring.datasource.password", pg.getPassword(),
                        "spring.main.banner-mode", "off"))
                .run();
        tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void anApplyCommittedBetweenTheServiceRowAndItsDeploymentsIsNotHalfSeen() {
        String family = "snap-" + UUID.randomUUID().toString().substring(0, 8);
        SpecJson specJson = new SpecJson();
        TaskDefinitionSpec spec = Fixtures.taskDef(family, 1, 256, 512, Fixtures.container("web", true)).spec();
        TaskDefinitionRepository taskDefinitions = context.getBean(TaskDefinitionRepository.class);
        ServiceRepository services = context.getBean(ServiceRepository.class);
        DeploymentRepository realDeployments = context.getBean(DeploymentRepository.class);
        TaskDefinitionId rev1 = new TaskDefinitionId(family, 1);
        TaskDefinitionId rev2 = new TaskDefinitionId(family, 2);
        ServiceEntity row = new ServiceEntity(CLUSTER, family, family + ":1", rev1, 2,
                new ServiceSpecJson().toJson(new ServiceSpec(family + ":1", 2)));
        tx.executeWithoutResult(s -> {
            ClusterRepository clusters = context.getBean(ClusterRepository.class);
            if (!clusters.existsById(CLUSTER)) {
                clusters.save(new ClusterEntity(CLUSTER));
            }
            taskDefinitions.save(new TaskDefinitionEntity(family, 1, specJson.toJson(spec), specJson.hash(spec)));
            taskDefinitions.save(new TaskDefinitionEntity(family, 2, specJson.toJson(spec), specJson.hash(spec)));
            services.save(row);
            realDeployments.save(new DeploymentEntity(row.getId(), rev1, DeploymentTrigger.CREATED, 2, Instant.now()));
        });

        // The apply of revision 2, committed by another transaction right before the deployments are read.
        AtomicBoolean applied = new AtomicBoolean();
        Runnable apply = () -> tx.executeWithoutResult(s -> {
            ServiceEntity service = services.findById(row.getId()).orElseThrow();
            service.setTaskDefinition(rev2);
            service.setTaskDefinitionRef(family + ":2");
            services.save(service);
            realDeployments.findByServiceIdAndStatusIn(row.getId(), java.util.EnumSet.of(DeploymentStatus.PRIMARY))
                    .forEach(d -> {
                        d.setStatus(DeploymentStatus.ACTIVE, Instant.now());
                        realDeployments.saveAndFlush(d); // before the new PRIMARY: one PRIMARY per service
                    });
            realDeployments.save(new DeploymentEntity(row.getId(), rev2, DeploymentTrigger.UPDATED, 2, Instant.now()));
        });
        DeploymentRepository racing = (DeploymentRepository) Proxy.newProxyInstance(
                DeploymentRepository.class.getClassLoader(), new Class<?>[]{DeploymentRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findByServiceIdAndStatusIn") && applied.compareAndSet(false, true)) {
                        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
                        Thread other = Thread.ofPlatform().uncaughtExceptionHandler((t, e) -> failed.set(e)).start(apply);
                        other.join();
                        if (failed.get() != null) {
                            throw new AssertionError("the concurrent apply failed", failed.get());
                        }
                    }
                    try {
                        return method.invoke(realDeployments, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        JpaStateStore store = new JpaStateStore(services, context.getBean(TaskRepository.class), taskDefinitions,
                context.getBean(ContainerInstanceRepository.class), context.getBean(ServiceEventRepository.class),
                racing, tx, specJson, context.getBean(DataSource.class));

        ServiceState read = store.service(row.getId()).orElseThrow();

        assertThat(applied).isTrue();
        Deployment primary = read.deployments().stream().filter(d -> d.status() == Deployment.Status.PRIMARY)
                .findFirst().orElseThrow();
        // Both from before the apply, or both from after: never revision 1 with revision 2's deployment.
        assertThat(primary.taskDefinitionArn()).isEqualTo(read.taskDefinition().arn());
        assertThat(store.service(row.getId()).orElseThrow().taskDefinition().revision()).isEqualTo(2);
    }
}
