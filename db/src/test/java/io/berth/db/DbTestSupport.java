package io.berth.db;

import io.berth.db.model.ClusterEntity;
import io.berth.db.model.TaskDefinitionEntity;
import io.berth.db.model.TaskDefinitionId;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.db.test.PostgresTestConfiguration;
import jakarta.persistence.EntityManagerFactory;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Same annotations in every db test class, so all of them share one Spring context and the one
 * container. Tests do not roll back or clean up: each makes its own cluster and family names.
 */
@SpringBootTest
@Import(PostgresTestConfiguration.class)
abstract class DbTestSupport {

    @Autowired
    protected ClusterRepository clusters;
    @Autowired
    protected ContainerInstanceRepository instances;
    @Autowired
    protected TaskDefinitionRepository taskDefinitions;
    @Autowired
    protected ServiceRepository services;
    @Autowired
    protected TaskRepository tasks;
    @Autowired
    protected ServiceEventRepository events;
    @Autowired
    protected TransactionTemplate tx;
    @Autowired
    private EntityManagerFactory entityManagerFactory;

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String newCluster() {
        return clusters.save(new ClusterEntity(unique("cluster"))).getName();
    }

    protected TaskDefinitionId newTaskDefinition() {
        String family = unique("web");
        taskDefinitions.save(new TaskDefinitionEntity(family, 1, "{\"containers\":[]}", "h1"));
        return new TaskDefinitionId(family, 1);
    }

    /** Hibernate's counters, cleared: compare getPrepareStatementCount() after the code under test. */
    protected Statistics freshStatistics() {
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        return statistics;
    }
}
