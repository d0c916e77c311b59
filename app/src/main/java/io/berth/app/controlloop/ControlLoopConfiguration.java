package io.berth.app.controlloop;

import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.db.repository.RegistryCredentialRepository;
import io.berth.reconciler.policy.ClusterSettings;
import io.berth.reconciler.store.jpa.JpaClusterSettings;
import io.berth.db.repository.DeploymentRepository;
import io.berth.db.repository.ServiceEventRepository;
import io.berth.db.repository.ServiceRepository;
import io.berth.reconciler.pass.TrafficPass;
import io.berth.reconciler.pass.TrafficObserver;
import io.berth.reconciler.pass.TargetHealthBoard;
import io.berth.app.metrics.TargetGroupMetrics;
import io.berth.app.watch.TargetHealthChanges;
import io.berth.reconciler.pass.TargetHealthReader;
import io.berth.reconciler.store.TrafficStore;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.jpa.JpaTrafficStore;
import io.berth.reconciler.traffic.HaproxySettings;
import io.berth.reconciler.traffic.HostTrouble;
import io.berth.db.repository.TaskDefinitionRepository;
import io.berth.db.repository.TaskRepository;
import io.berth.db.repository.TrafficResourceRepository;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.hosts.ExitHints;
import io.berth.reconciler.hosts.InstanceHealth;
import io.berth.reconciler.pass.PassEnvironment;
import io.berth.reconciler.taskwork.ExecutorSettings;
import io.berth.reconciler.pass.InstancePass;
import io.berth.reconciler.pass.ServicePass;
import io.berth.reconciler.pass.ClusterLocks;
import io.berth.reconciler.pass.OneOffTaskPass;
import io.berth.reconciler.pass.StandaloneTaskRunner;
import io.berth.reconciler.pass.ScheduledTaskPass;
import io.berth.reconciler.store.ScheduledTaskStore;
import io.berth.reconciler.store.jpa.JpaScheduledTaskStore;
import io.berth.reconciler.pass.TaskRecordRetention;
import io.berth.reconciler.plan.RunTaskPlanner;
import io.berth.reconciler.loop.ControlLoop;
import io.berth.reconciler.loop.EngineWatcher;
import io.berth.reconciler.loop.ReconcileKey;
import io.berth.reconciler.loop.ReconcileTrigger;
import io.berth.reconciler.loop.Reconcilers;
import io.berth.reconciler.loop.WorkQueue;
import io.berth.reconciler.plan.PlannerSettings;
import io.berth.reconciler.plan.ServicePlanner;
import io.berth.reconciler.scheduler.Scheduler;
import io.berth.reconciler.store.SpecJson;
import io.berth.reconciler.store.StateStore;
import io.berth.reconciler.store.jpa.JpaStateStore;
import io.berth.reconciler.store.jpa.JpaDesiredStateWrites;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.app.metrics.ReconcilerMetrics;
import io.berth.app.metrics.HostDisruptionGauge;
import io.berth.app.metrics.TaskStateGauges;
import io.berth.app.watch.ChangeSequencer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import io.berth.reconciler.pass.AutoScalingPass;
import io.berth.reconciler.pass.RequestRates;
import io.berth.reconciler.store.jpa.JpaScalingStore;
import io.berth.app.metrics.ServiceUtilisationGauges;
import io.berth.reconciler.metrics.TaskMetricsWindows;
import io.berth.reconciler.sampling.TaskStatsSampler;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Wires the reconciler's plain-Java parts; Spring stays out of the core. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ControlLoopProperties.class, DockerProperties.class, TaskMetricsProperties.class})
class ControlLoopConfiguration {

    /** This database's installation id (migration V2), the label that tells this Berth's containers from others'. */
    @Bean
    Installation installation(JdbcTemplate jdbc) {
        return new Installation(jdbc.queryForObject("select id from installation", UUID.class));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "closeAll")
    EngineRegistry engineRegistry() {
        return new EngineRegistry();
    }

    @Bean
    StateStore stateStore(ServiceRepository services, TaskRepository tasks, TaskDefinitionRepository taskDefinitions,
                          ContainerInstanceRepository instances, ServiceEventRepository events,
                          DeploymentRepository deployments, PlatformTransactionManager transactions, SpecJson specJson,
                          DataSource dataSource) {
        return new JpaStateStore(services, tasks, taskDefinitions, instances, events, deployments,
                new TransactionTemplate(transactions), specJson, dataSource);
    }

    /** The one way desired state is written: the API's writes and the local engine's registration. */
    @Bean
    DesiredStateWrites desiredStateWrites(TaskDefinitionRepository taskDefinitions, ServiceRepository services,
                                          DeploymentRepository deployments, ServiceEventRepository events,
                                          ClusterRepository clusters, RegistryCredentialRepository credentials,
                                          ContainerInstanceRepository instances, TaskRepository tasks,
                                          StateStore store, PlatformTransactionManager transactions, Clock clock,
                                          TrafficResourceRepository traffic,
                                          io.berth.db.repository.SecretRepository secrets,
                                          io.berth.db.repository.ScheduledTaskRepository scheduledTasks) {
        return new JpaDesiredStateWrites(taskDefinitions, services, deployments, events, clusters, credentials,
                instances, tasks, store, new TransactionTemplate(transactions), clock, traffic, secrets, scheduledTasks);
    }

    @Bean
    ClusterSettings clusterSettings(ClusterRepository clusters, RegistryCredentialRepository credentials,
                                    io.berth.db.crypto.StoredPasswords passwords,
                                    io.berth.db.repository.SecretRepository secrets,
                                    io.berth.db.crypto.StoredSecrets sealed) {
        return new JpaClusterSettings(clusters, credentials, passwords, secrets, sealed);
    }

    @Bean
    WorkQueue<ReconcileKey> workQueue(Clock clock) {
        return new WorkQueue<>(clock);
    }

    @Bean
    ReconcileTrigger reconcileTrigger(WorkQueue<ReconcileKey> queue) {
        return ReconcileTrigger.of(queue);
    }

    /** One placement lock per cluster, shared by the service passes and run-task. */
    @Bean
    ClusterLocks clusterLocks(ControlLoopProperties props) {
        return new ClusterLocks(props.placementLockWait());
    }

    @Bean
    StandaloneTaskRunner standaloneTaskRunner(StateStore store, ClusterLocks locks, InstanceHealth health, Clock clock) {
        return new StandaloneTaskRunner(store, new RunTaskPlanner(Scheduler.defaults()), locks, health, clock);
    }

    /** What the service passes and the one-off pass work with. */
    @Bean
    PassEnvironment passEnvironment(StateStore store, EngineRegistry engines, ControlLoopProperties props, Clock clock,
                                    ExecutorService reconcilerIo, Installation installation, ExitHints exits,
                                    InstanceHealth health, ClusterSettings clusterSettings, ClusterLocks locks) {
        return new PassEnvironment(store, engines,
                new ExecutorSettings(props.pullPolicy(), props.stopTimeout(), installation.id(), clusterSettings), exits,
                health, locks, clock, reconcilerIo);
    }

    @Bean
    OneOffTaskPass standaloneTaskReconciler(PassEnvironment env) {
        return new OneOffTaskPass(env);
    }

    @Bean
    InstanceHealth instanceHealth(Clock clock, ControlLoopProperties props) {
        return new InstanceHealth(clock, props.hostLostGrace());
    }

    @Bean
    ExitHints exitHints(Clock clock) {
        return new ExitHints(clock);
    }

    @Bean(destroyMethod = "close")
    EngineWatcher engineWatcher(WorkQueue<ReconcileKey> queue, Installation installation, ExitHints exits) {
        return new EngineWatcher(queue, installation.id(), exits);
    }

    /** Docker calls of a pass run here in parallel; virtual threads because they mostly wait on the engine. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService reconcilerIo() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    @Bean
    ServicePass serviceReconciler(PassEnvironment env, ControlLoopProperties props, ReconcilerMetrics metrics,
                                  ChangeSequencer changes, TrafficStore traffic, TargetHealthBoard targetHealth) {
        PlannerSettings planner = new PlannerSettings(props.maxLaunchesPerPass(), props.maxStopsPerPass(),
                props.backoffInitial(), props.backoffMax(), props.stableRun(), Duration.ofMinutes(5));
        ServicePass pass = new ServicePass(env, new ServicePlanner(Scheduler.defaults(), planner), (service, plan) -> {
            metrics.planned(service, plan);
            // The pass committed what it decided: its changes (a rollout finished, tasks started or stopped)
            // go to watchers and apply?wait now, not at the sequencer's next round.
            if (!plan.actions().isEmpty() || !plan.events().isEmpty() || !plan.deployments().isEmpty()) {
                changes.soon();
            }
        }, traffic);
        pass.useLoadBalancerHealth(targetHealth);
        return pass;
    }

    /**
     * The load balancers' last word on each target, for rollouts and replacements; a change of a service's target
     * wakes the service at once (the resync would take up to its interval).
     */
    @Bean
    TargetHealthBoard targetHealthBoard(TrafficStore traffic, WorkQueue<ReconcileKey> queue) {
        return new TargetHealthBoard(traffic, id -> queue.add(new ReconcileKey.ServiceKey(id)));
    }

    @Bean
    InstancePass instanceReconciler(StateStore store, EngineRegistry engines, ControlLoopProperties props, Clock clock,
                                          Installation installation, InstanceHealth health, ExecutorService reconcilerIo) {
        return new InstancePass(store, engines, clock, props.stoppedTaskRetention(), props.stopTimeout(),
                installation.id(), health, reconcilerIo);
    }

    @Bean
    TrafficStore trafficStore(TrafficResourceRepository traffic, ServiceRepository services, ServiceSpecJson specJson,
                              PlatformTransactionManager transactions) {
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        return new JpaTrafficStore(traffic, services, specJson, readOnly);
    }

    @Bean
    TrafficPass trafficPass(StateStore store, TrafficStore traffic, EngineRegistry engines, Installation installation,
                            TrafficObserver trafficObserver, Clock clock, InstanceHealth health) {
        return new TrafficPass(store, traffic, engines, installation.id(), HaproxySettings.DEFAULTS, trafficObserver,
                clock, () -> hostTrouble(health));
    }

    /**
     * What each traffic pass reads from the HAProxies goes to the target group metrics, the change feed and the
     * service passes (rollout gating, replacement of tasks a load balancer finds unhealthy). Primary: the board is
     * a TrafficObserver too, and whoever asks for one gets them all.
     */
    @Bean
    @Primary
    TrafficObserver trafficObserver(MeterRegistry registry, JdbcTemplate jdbc, ChangeSequencer changes,
                                    TargetHealthBoard targetHealth, RequestRates requestRates) {
        return TrafficObserver.all(List.of(new TargetGroupMetrics(registry), new TargetHealthChanges(jdbc, changes),
                targetHealth, requestRates));
    }

    @Bean
    TargetHealthReader targetHealthReader(StateStore store, TrafficStore traffic, EngineRegistry engines,
                                          Installation installation, InstanceHealth health) {
        return new TargetHealthReader(store, traffic, engines, installation.id(), HaproxySettings.DEFAULTS,
                () -> hostTrouble(health));
    }

    /** Lost first: that look is what notes a disruption, which then empties the silent hosts too. */
    private static HostTrouble hostTrouble(InstanceHealth health) {
        java.util.Set<java.util.UUID> lost = health.lost();
        return new HostTrouble(health.failing(), lost);
    }

    @Bean(destroyMethod = "close")
    ControlLoop controlLoop(WorkQueue<ReconcileKey> queue, ServicePass services, InstancePass instances,
                            OneOffTaskPass standalone, EngineWatcher watcher, EngineRegistry engines,
                            StateStore store, ControlLoopProperties props, ReconcilerMetrics metrics, InstanceHealth health,
                            Clock clock, TrafficPass traffic, ScheduledTaskPass scheduled) {
        return new ControlLoop(queue, new Reconcilers(services, standalone,
                new TaskRecordRetention(store, clock, props.stoppedTaskRecordRetention()), instances, watcher, engines,
                store, queue, props.resyncInterval(), health, Duration.ofSeconds(2), traffic, scheduled), metrics, clock,
                props.passTimeout());
    }

    /** The running tasks' last readings, in memory; read by the metrics API, the gauges and auto scaling. */
    @Bean
    TaskMetricsWindows taskMetricsWindows(TaskMetricsProperties props) {
        return new TaskMetricsWindows(props.window(), props.samplesPerTask());
    }

    @Bean
    TaskStatsSampler taskStatsSampler(StateStore store, EngineRegistry engines, TaskMetricsWindows windows,
                                      TaskMetricsProperties props, ExecutorService reconcilerIo, Clock clock) {
        return new TaskStatsSampler(() -> store.instances().stream().map(i -> i.cluster()).distinct()
                .flatMap(c -> store.activeTasks(c).stream()).toList(), engines::engine, windows, reconcilerIo,
                props.settings(), clock);
    }

    /** Auto scaling decides after each sampling round, on fresh figures. */
    @Bean
    AutoScalingPass autoScalingPass(ServiceRepository services, ServiceSpecJson specJson, TaskMetricsWindows windows,
                                    RequestRates requestRates, DesiredStateWrites writes, ReconcileTrigger trigger,
                                    Clock clock) {
        return new AutoScalingPass(new JpaScalingStore(services, specJson), windows,
                (cluster, serviceId) -> requestRates.perTarget(cluster), writes, trigger::serviceChanged, clock);
    }

    /** Requests a minute per target of each target group, from what the traffic passes read (requestsPerTarget). */
    @Bean
    RequestRates requestRates(TaskMetricsProperties props, Clock clock) {
        return new RequestRates(props.window(), clock);
    }

    @Bean
    TaskMetricsRounds.AfterRound autoScalingAfterRound(AutoScalingPass pass) {
        return round -> pass.run();
    }

    @Bean
    ServiceUtilisationGauges serviceUtilisationGauges(MeterRegistry registry) {
        return new ServiceUtilisationGauges(registry);
    }

    @Bean
    ScheduledTaskStore scheduledTaskStore(io.berth.db.repository.ScheduledTaskRepository scheduledTasks,
                                          TaskDefinitionRepository taskDefinitions, SpecJson specJson,
                                          PlatformTransactionManager transactions) {
        return new JpaScheduledTaskStore(scheduledTasks, taskDefinitions, specJson,
                new TransactionTemplate(transactions));
    }

    /** Fires the scheduled tasks; its tasks are one-off tasks, told to the loop as a run-task's are. */
    @Bean
    ScheduledTaskPass scheduledTaskPass(ScheduledTaskStore scheduledTasks, StateStore store,
                                        StandaloneTaskRunner runner, WorkQueue<ReconcileKey> queue, Clock clock) {
        return new ScheduledTaskPass(scheduledTasks, store, runner, id -> queue.add(new ReconcileKey.TaskKey(id)),
                clock);
    }

    @Bean
    ReconcilerMetrics reconcilerMetrics(MeterRegistry registry, WorkQueue<ReconcileKey> queue) {
        return new ReconcilerMetrics(registry, queue);
    }

    @Bean
    HostDisruptionGauge hostDisruptionGauge(MeterRegistry registry, InstanceHealth health) {
        return new HostDisruptionGauge(registry, health);
    }

    @Bean
    TaskStateGauges taskStateGauges(MeterRegistry registry, TaskRepository tasks, ServiceRepository services,
                                    DeploymentRepository deployments) {
        return new TaskStateGauges(registry, tasks, services, deployments);
    }
}
