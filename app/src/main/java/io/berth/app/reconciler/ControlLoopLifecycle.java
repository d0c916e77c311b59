package io.berth.app.reconciler;

import io.berth.reconciler.loop.ControlLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the control loop once the application is up: connect engines, register the local one (retrying
 * every few seconds while it does not answer), then run the workers. Stops them first on shutdown.
 */
@Component
class ControlLoopLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ControlLoopLifecycle.class);
    private static final long RETRY_SECONDS = 5;

    private final ControlLoop loop;
    private final EngineConnector connector;
    private final ReconcilerProperties props;
    private ScheduledExecutorService retries;
    private volatile boolean running;

    ControlLoopLifecycle(ControlLoop loop, EngineConnector connector, ReconcilerProperties props) {
        this.loop = loop;
        this.connector = connector;
        this.props = props;
    }

    @Override
    public void start() {
        running = true;
        if (!props.enabled()) {
            log.info("control loop disabled (berth.reconciler.enabled=false)");
            return;
        }
        connector.connectStored();
        if (!connector.registerLocal()) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon(true).name("berth-engine-retry").unstarted(r));
            retries.scheduleWithFixedDelay(this::retryRegistration, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
        loop.start(props.workers());
        log.info("control loop started with {} workers, resync every {}", props.workers(), props.resyncInterval());
    }

    private void retryRegistration() {
        try {
            if (connector.registerLocal()) {
                retries.shutdown();
            }
        } catch (RuntimeException e) {
            log.warn("registering the local engine failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (retries != null) {
            retries.shutdownNow();
        }
        loop.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
