package io.berth.app.instances;

import io.berth.app.metrics.MeteredDockerEngine;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/** Opens an engine client for an instance: mutual TLS when a certificate folder is given, timed per host. */
@Component
public class EngineConnections {

    private final MeterRegistry meters;
    private final EngineProperties properties;

    public EngineConnections(MeterRegistry meters, EngineProperties properties) {
        this.meters = meters;
        this.properties = properties;
    }

    /** @throws io.berth.docker.EngineException or IllegalArgumentException when the TLS files or endpoint are unusable */
    public DockerEngine connect(String endpoint, String tlsCertPath) {
        EngineConfig config = properties.apply(EngineConfig.of(endpoint));
        if (tlsCertPath != null) {
            config = config.withTls(Path.of(tlsCertPath));
        }
        return new MeteredDockerEngine(DockerEngines.connect(config), meters, endpoint);
    }
}
