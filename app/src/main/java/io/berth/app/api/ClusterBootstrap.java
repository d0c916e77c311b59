package io.berth.app.api;

import io.berth.reconciler.desiredstate.DesiredStateWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Makes sure cluster "default" exists from the first start, since manifests without
 * {@code metadata.cluster} go there. Runs once every singleton exists (Flyway has migrated by then) and
 * before lifecycle beans such as the control loop start or the web server takes requests.
 */
@Component
public class ClusterBootstrap implements SmartInitializingSingleton {

    public static final String DEFAULT_CLUSTER = "default";
    private static final Logger log = LoggerFactory.getLogger(ClusterBootstrap.class);

    private final DesiredStateWrites writes;

    public ClusterBootstrap(DesiredStateWrites writes) {
        this.writes = writes;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ensureExists(DEFAULT_CLUSTER);
    }

    /** Idempotent, also when another process creates the cluster at the same moment. */
    public void ensureExists(String name) {
        try {
            if (writes.ensureCluster(name)) {
                log.info("Created cluster \"{}\"", name);
            }
        } catch (DataIntegrityViolationException e) {
            log.debug("Cluster \"{}\" was created concurrently", name);
        }
    }
}
