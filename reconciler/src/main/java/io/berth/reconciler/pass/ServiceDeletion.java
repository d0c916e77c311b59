package io.berth.reconciler.pass;

import io.berth.docker.EngineException;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.model.ContainerInstance;
import io.berth.reconciler.model.ContainerLabels;
import io.berth.reconciler.model.ServiceState;
import io.berth.reconciler.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A deleted service leaves nothing behind: every container it ever had goes, on every engine of the cluster. */
final class ServiceDeletion {

    private static final Logger log = LoggerFactory.getLogger(ServiceDeletion.class);

    private final StateStore store;
    private final EngineRegistry engines;

    ServiceDeletion(StateStore store, EngineRegistry engines) {
        this.store = store;
        this.engines = engines;
    }

    /** Removes the service's containers, then the service itself. */
    void delete(ServiceState service) {
        for (ContainerInstance instance : store.instances()) {
            if (!instance.cluster().equals(service.cluster())) {
                continue;
            }
            engines.engine(instance.id()).ifPresent(engine -> {
                try {
                    engine.list(ContainerLabels.serviceFilter(service.id())).forEach(c -> engine.remove(c.id()));
                } catch (EngineException e) {
                    log.warn("could not remove containers of deleted service {} on {}: {}", service.name(), instance.id(), e.getMessage());
                }
            });
        }
        store.deleteService(service.id());
        log.info("service {}/{} deleted", service.cluster(), service.name());
    }
}
