package io.berth.app.controlloop;

import io.berth.db.model.ContainerInstanceEntity;
import io.berth.app.api.ClusterBootstrap;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.docker.EngineInfo;
import io.berth.app.instances.EngineConnections;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.hosts.EngineRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

/**
 * Connects the stored container instances' engines at start, and registers the local engine as an
 * instance of the configured cluster (refreshing what it reports about itself) — so that a fresh Berth
 * has somewhere to place tasks.
 */
@Component
class EngineConnector {

    private static final Logger log = LoggerFactory.getLogger(EngineConnector.class);
    private static final long MIB = 1024L * 1024L;

    private final ClusterBootstrap clusterBootstrap;
    private final ContainerInstanceRepository instances;
    private final EngineRegistry registry;
    private final TransactionTemplate tx;
    private final DockerProperties docker;
    private final EngineConnections connections;
    private final DesiredStateWrites writes;

    EngineConnector(ClusterBootstrap clusterBootstrap, ContainerInstanceRepository instances, EngineRegistry registry,
                    TransactionTemplate tx, DockerProperties docker, EngineConnections connections,
                    DesiredStateWrites writes) {
        this.connections = connections;
        this.writes = writes;
        this.clusterBootstrap = clusterBootstrap;
        this.instances = instances;
        this.registry = registry;
        this.tx = tx;
        this.docker = docker;
    }

    /** Ensures the cluster exists and every stored instance has an engine client. */
    void connectStored() {
        clusterBootstrap.ensureExists(docker.cluster());
        connectMissing();
    }

    /** Gives every stored instance that is not deregistered and has no engine client one (hosts registered elsewhere). */
    void connectMissing() {
        for (ContainerInstanceEntity i : tx.execute(s -> instances.findAll())) {
            if (registry.engine(i.getId()).isEmpty()) {
                if (i.getStatus() == io.berth.db.model.InstanceStatus.INACTIVE) {
                    continue;
                }
                try {
                    registry.register(i.getId(), connections.connect(i.getEndpoint(), i.getTlsCertPath()));
                } catch (RuntimeException e) {
                    // A host whose certificate went missing is reported, not fatal: the others still run.
                    log.error("cannot open a client for container instance {} at {}: {}", i.getId(), i.getEndpoint(), e.getMessage());
                }
            }
        }
    }

    /**
     * Registers (or refreshes) the local engine. Returns false when it does not answer, so that the caller
     * can try again; the message says what to do.
     */
    boolean registerLocal() {
        if (!docker.registerLocal()) {
            return true;
        }
        DockerEngine engine = connections.connect(docker.localEndpoint(), null);
        EngineInfo info;
        try {
            info = engine.info();
        } catch (EngineException e) {
            engine.close();
            log.error("No Docker engine answers at {} ({}). Start one (scripts/ensure-docker.sh does) — Berth keeps trying.",
                    docker.localEndpoint(), e.getMessage());
            return false;
        }
        // refresh, not upsert: the custom attributes given to the local engine survive a restart
        UUID id = writes.refreshContainerInstance(docker.cluster(), docker.localEndpoint(), null, info);
        registry.register(id, engine);
        log.info("Docker engine {} ({} {}, {} CPUs, {} MiB) registered as container instance {} of cluster {}",
                docker.localEndpoint(), info.name(), info.serverVersion(), info.cpus(), info.memoryBytes() / MIB, id, docker.cluster());
        return true;
    }
}
