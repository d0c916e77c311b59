package io.berth.bench.simcluster;

import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.store.SpecJson;
import io.berth.reconciler.store.jpa.JpaStateStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * {@code bench/simulated-cluster.sh}: places and persists many tasks on many simulated hosts, prints the figures and
 * checks the database. Exit 0 = figures valid, 1 = the check found the stored placements wrong, 2 = bad options.
 */
public final class SimulatedClusterBenchmark {

    static final String STORE_PATH = "JpaStateStore.placeTasks (claim the target instances, PostgreSQL COPY of task and "
            + "task_container rows, recompute the targets' remaining resources; one transaction per service)";

    private SimulatedClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulated-cluster: " + e.getMessage());
            System.err.println(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        System.err.printf("starting PostgreSQL (%s) ...%n", options.database().name().toLowerCase());
        try (BenchDatabase db = BenchDatabase.start(options.database());
             ConfigurableApplicationContext context = context(db.url(), db.user(), db.password())) {
            System.err.printf("placing and storing %,d tasks on %,d simulated hosts ...%n", options.tasks(), options.hosts());
            RunResult result = run(context, options, System.err);
            String version = context.getBean(JdbcTemplate.class).queryForObject("show server_version", String.class);
            String database = "PostgreSQL " + version + ", " + db.description();
            Report.print(System.out, result, database, STORE_PATH);
            if (options.jsonOut() != null) {
                Report.writeJson(options.jsonOut(), result, database, STORE_PATH);
            }
            if (!result.ok()) {
                System.err.println("simulated-cluster: VERIFICATION FAILED — the figures above are not valid");
                System.exit(1);
            }
        }
    }

    /** Berth's persistence (migrations, JPA, Hikari) against {@code url}, as the server configures it. */
    static ConfigurableApplicationContext context(String url, String user, String password) {
        return new SpringApplicationBuilder(BenchApplication.class)
                .properties(Map.of("spring.datasource.url", url, "spring.datasource.username", user,
                        "spring.datasource.password", password))
                .run();
    }

    static RunResult run(ConfigurableApplicationContext context, BenchmarkOptions options, PrintStream progress) {
        return new SimulatedCluster(storage(context), Scheduler.defaults(), Clock.systemUTC(), progress).run(options);
    }

    /** The production store and repositories over the context's DataSource. */
    static SimulatedCluster.Storage storage(ConfigurableApplicationContext context) {
        TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        DataSource dataSource = context.getBean(DataSource.class);
        JpaStateStore store = new JpaStateStore(context.getBean(ServiceRepository.class), context.getBean(TaskRepository.class),
                context.getBean(TaskDefinitionRepository.class), context.getBean(ContainerInstanceRepository.class),
                context.getBean(ServiceEventRepository.class), context.getBean(DeploymentRepository.class), tx, new SpecJson(),
                dataSource);
        return new SimulatedCluster.Storage(store, context.getBean(ClusterRepository.class),
                context.getBean(TaskDefinitionRepository.class), context.getBean(ServiceRepository.class),
                context.getBean(DeploymentRepository.class), context.getBean(ContainerInstanceRepository.class), tx,
                new JdbcTemplate(dataSource));
    }
}
