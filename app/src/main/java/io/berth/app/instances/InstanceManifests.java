package io.berth.app.instances;

import io.berth.app.BerthProperties;
import io.berth.app.PrivateDirectory;
import io.berth.app.wakeups.ReconcileNotifier;
import io.berth.app.api.dto.ApplyResult.Outcome;
import io.berth.app.manifest.ContainerInstanceDocument;
import io.berth.app.manifest.FieldError;
import io.berth.app.manifest.ManifestDocument;
import io.berth.app.manifest.ManifestValidationException;
import io.berth.app.manifest.ReservedPorts;
import io.berth.db.model.ContainerInstanceEntity;
import io.berth.db.model.InstanceStatus;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.ContainerInstanceRepository;
import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.docker.EngineInfo;
import io.berth.reconciler.desiredstate.ContainerInstanceWrite;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.desiredstate.InstanceAttributes;
import io.berth.reconciler.hosts.EngineRegistry;
import io.berth.reconciler.model.ContainerInstance;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code kind: ContainerInstance} documents of an apply, in three steps around the apply's transaction: each engine
 * is asked about itself first (a wrong endpoint or certificate fails the whole apply, with the document's path),
 * rows are written inside the transaction, and only after the commit does the loop start using the engines.
 * Identity is (cluster, endpoint), as for API registration; applying again updates attributes and status.
 */
@Component
public class InstanceManifests {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final EngineConnections connections;
    private final DesiredStateWrites writes;
    private final ContainerInstanceRepository instances;
    private final ClusterRepository clusters;
    private final EngineRegistry registry;
    private final ReconcileNotifier notifier;
    private final BerthProperties berth;
    private final JsonMapper json = JsonMapper.builder().build();

    public InstanceManifests(EngineConnections connections, DesiredStateWrites writes,
                             ContainerInstanceRepository instances, ClusterRepository clusters, EngineRegistry registry,
                             ReconcileNotifier notifier, BerthProperties berth) {
        this.connections = connections;
        this.writes = writes;
        this.instances = instances;
        this.clusters = clusters;
        this.registry = registry;
        this.notifier = notifier;
        this.berth = berth;
    }

    /** An engine that answered, ready to be stored. */
    public record Probe(ContainerInstanceDocument document, String certPath, DockerEngine engine, EngineInfo info) {
    }

    /**
     * Asks the engine of every ContainerInstance document about itself, by document index.
     *
     * @throws ManifestValidationException naming each document whose cluster is unknown or whose engine does not answer
     */
    public Map<Integer, Probe> probeAll(List<ManifestDocument> documents) {
        Map<Integer, Probe> probes = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            if (!(documents.get(i) instanceof ContainerInstanceDocument doc)) {
                continue;
            }
            String path = "documents[" + i + "]";
            if (!clusters.existsById(doc.cluster())) {
                errors.add(new FieldError(path + ".metadata.cluster", "cluster \"" + doc.cluster() + "\" does not exist"));
                continue;
            }
            try {
                String certPath = doc.tls() != null ? writeInlineTls(doc) : doc.tlsCertPath();
                DockerEngine engine = connections.connect(doc.endpoint(), certPath);
                try {
                    probes.put(i, new Probe(doc, certPath, engine, engine.info()));
                } catch (RuntimeException e) {
                    engine.close();
                    throw e;
                }
            } catch (EngineException | IllegalArgumentException | IOException e) {
                errors.add(new FieldError(path + ".spec.endpoint", "cannot reach a Docker engine at " + doc.endpoint()
                        + ": " + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            discard(probes);
            throw new ManifestValidationException(errors);
        }
        return probes;
    }

    /**
     * What applying would do; reads only (inside the apply's transaction).
     *
     * @throws ManifestValidationException when another instance of the cluster already has the name
     */
    public Outcome outcome(Probe p, String path) {
        ContainerInstanceDocument doc = p.document();
        Optional<ContainerInstanceEntity> existing = instances.findByClusterAndEndpoint(doc.cluster(), doc.endpoint());
        instances.findByClusterOrderByCreatedAt(doc.cluster()).stream()
                .filter(i -> doc.name().equals(i.getName()) && !i.getEndpoint().equals(doc.endpoint())
                        && i.getStatus() != InstanceStatus.INACTIVE)
                .findFirst().ifPresent(other -> {
                    throw new ManifestValidationException(List.of(new FieldError(path + ".metadata.name",
                            "container instance \"" + doc.name() + "\" already exists in cluster \"" + doc.cluster()
                                    + "\" with endpoint " + other.getEndpoint() + " (deregister it first)")));
                });
        if (existing.isEmpty() || existing.get().getStatus() == InstanceStatus.INACTIVE) {
            return Outcome.CREATED;
        }
        ContainerInstanceEntity row = existing.get();
        Map<String, String> stored = json.readValue(row.getAttributes(), STRING_MAP);
        Map<String, String> wanted = InstanceAttributes.attributes(p.info(), doc.attributes());
        boolean same = stored.equals(wanted) && row.getStatus().name().equals(doc.status())
                && doc.name().equals(row.getName()) && java.util.Objects.equals(row.getTlsCertPath(), p.certPath())
                && java.util.Objects.equals(row.getReservedPorts(), ReservedPorts.stored(doc.reservedPorts()));
        return same ? Outcome.UNCHANGED : Outcome.CONFIGURED;
    }

    /** Writes the row; joins the apply's transaction. */
    public UUID store(Probe p) {
        ContainerInstanceDocument doc = p.document();
        return writes.applyContainerInstance(new ContainerInstanceWrite(doc.cluster(), doc.endpoint(), p.certPath(),
                p.info(), doc.attributes(), ContainerInstance.InstanceStatus.valueOf(doc.status()),
                ReservedPorts.stored(doc.reservedPorts()), doc.name()));
    }

    /** After the commit: the loop uses the engine and every service looks again (room, or a drain). */
    public void activate(Probe p, UUID id) {
        registry.register(id, p.engine());
        notifier.instanceChanged(id);
        notifier.everythingChanged();
    }

    /** A dry run, or an apply that failed: the engines probed are not used. */
    public void discard(Map<Integer, Probe> probes) {
        probes.values().forEach(p -> p.engine().close());
    }

    /** Inline PEM text goes to files under the data dir, readable by Berth only: the engine client reads files. */
    private String writeInlineTls(ContainerInstanceDocument doc) throws IOException {
        Path dir = PrivateDirectory.ensure(berth.dataDir().resolve("tls"));
        dir = PrivateDirectory.ensure(dir.resolve(doc.cluster() + "_" + doc.name()));
        Files.writeString(dir.resolve("cert.pem"), doc.tls().cert(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("key.pem"), doc.tls().key(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ca.pem"), doc.tls().ca(), StandardCharsets.UTF_8);
        return dir.toString();
    }
}
