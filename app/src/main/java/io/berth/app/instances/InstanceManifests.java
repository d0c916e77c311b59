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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code kind: ContainerInstance} documents of an apply, in three steps around the apply's transaction: each engine
 * is asked about itself first (an endpoint or certificate folder outside what {@link InstanceSettings} allows, or a
 * wrong endpoint or certificate, fails the whole apply, with the document's path; a dry run asks nothing),
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
    private final EndpointPolicy policy;
    private final InlineCertificates certificates;
    private final JsonMapper json = JsonMapper.builder().build();

    public InstanceManifests(EngineConnections connections, DesiredStateWrites writes,
                             ContainerInstanceRepository instances, ClusterRepository clusters, EngineRegistry registry,
                             ReconcileNotifier notifier, EndpointPolicy policy, InlineCertificates certificates) {
        this.connections = connections;
        this.writes = writes;
        this.instances = instances;
        this.clusters = clusters;
        this.registry = registry;
        this.notifier = notifier;
        this.policy = policy;
        this.certificates = certificates;
    }

    /**
     * An instance document checked and, unless in a dry run, its engine asked about itself, ready to be stored.
     *
     * @param engine   null in a dry run: the endpoint was not probed
     * @param info     null in a dry run
     * @param newCerts whether {@code certPath} is a certificate set written for this apply (removed unless stored)
     * @param replaces the instance's previous inline certificate set, removed once the new one is committed; or null
     */
    public record Probe(ContainerInstanceDocument document, String certPath, DockerEngine engine, EngineInfo info,
                        boolean newCerts, String replaces) {

        public boolean probed() {
            return engine != null;
        }
    }

    /**
     * Checks every ContainerInstance document and, unless {@code dryRun}, asks its engine about itself, by document
     * index. A dry run connects to nothing and writes no file: it checks the documents only.
     *
     * @throws ManifestValidationException naming each document whose cluster is unknown, whose endpoint or certificate
     *                                     folder is not allowed, or whose engine does not answer
     */
    public Map<Integer, Probe> probeAll(List<ManifestDocument> documents, boolean dryRun) {
        Map<Integer, Probe> probes = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            if (!(documents.get(i) instanceof ContainerInstanceDocument doc)) {
                continue;
            }
            String path = "documents[" + i + "]";
            List<FieldError> refused = refusals(doc, path);
            if (!refused.isEmpty()) {
                errors.addAll(refused);
                continue;
            }
            String storedCerts = instances.findByClusterAndEndpoint(doc.cluster(), doc.endpoint())
                    .map(ContainerInstanceEntity::getTlsCertPath).orElse(null);
            Optional<String> sameCerts = doc.tls() == null ? Optional.empty()
                    : certificates.existing(storedCerts, doc.tls());
            if (dryRun) {
                probes.put(i, new Probe(doc, doc.tls() != null ? sameCerts.orElse(null) : doc.tlsCertPath(), null, null,
                        false, null));
                continue;
            }
            try {
                probes.put(i, probe(doc, sameCerts, storedCerts));
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

    private List<FieldError> refusals(ContainerInstanceDocument doc, String path) {
        if (!clusters.existsById(doc.cluster())) {
            return List.of(new FieldError(path + ".metadata.cluster", "cluster \"" + doc.cluster() + "\" does not exist"));
        }
        List<FieldError> errors = new ArrayList<>(policy.checkEndpoint(doc.endpoint(), path + ".spec.endpoint"));
        if (doc.tlsCertPath() != null) {
            errors.addAll(policy.checkCertPath(doc.tlsCertPath(), path + ".spec.tlsCertPath"));
        }
        return errors;
    }

    /** Connects and asks; the message of an exception is safe to show (the engine's answer is not in it). */
    private Probe probe(ContainerInstanceDocument doc, Optional<String> sameCerts, String storedCerts)
            throws IOException {
        boolean newCerts = doc.tls() != null && sameCerts.isEmpty();
        String certPath = doc.tls() == null ? doc.tlsCertPath()
                : sameCerts.isPresent() ? sameCerts.get() : certificates.write(doc.tls()).toString();
        DockerEngine engine = null;
        try {
            engine = connections.connect(doc.endpoint(), certPath);
            EngineInfo info;
            try {
                info = engine.info();
            } catch (RuntimeException e) {
                throw new EngineException(EngineException.Kind.UNREACHABLE, EndpointPolicy.couldNotConnect(e), null);
            }
            return new Probe(doc, certPath, engine, info, newCerts, sameCerts.isEmpty() ? storedCerts : null);
        } catch (RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            if (newCerts) {
                certificates.discard(certPath);
            }
            throw e;
        }
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
        Map<String, String> wanted = p.info() != null ? InstanceAttributes.attributes(p.info(), doc.attributes())
                : withStoredBuiltIns(stored, doc.attributes());
        boolean same = stored.equals(wanted) && row.getStatus().name().equals(doc.status())
                && doc.name().equals(row.getName()) && java.util.Objects.equals(row.getTlsCertPath(), p.certPath())
                && java.util.Objects.equals(row.getReservedPorts(), ReservedPorts.stored(doc.reservedPorts()));
        return same ? Outcome.UNCHANGED : Outcome.CONFIGURED;
    }

    /** A dry run does not ask the engine: its built-in attributes are taken as stored. */
    private static Map<String, String> withStoredBuiltIns(Map<String, String> stored, Map<String, String> custom) {
        Map<String, String> wanted = new java.util.TreeMap<>();
        stored.forEach((k, v) -> {
            if (k.startsWith("berth.")) {
                wanted.put(k, v);
            }
        });
        wanted.putAll(custom);
        return wanted;
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
        // The replaced client has its TLS material loaded already; only a set of ours is ever removed.
        certificates.discard(p.replaces());
        notifier.instanceChanged(id);
        notifier.everythingChanged();
    }

    /** A dry run, or an apply that failed: the engines probed are not used, nor the certificates written for them. */
    public void discard(Map<Integer, Probe> probes) {
        for (Probe p : probes.values()) {
            if (p.engine() != null) {
                p.engine().close();
            }
            if (p.newCerts()) {
                certificates.discard(p.certPath());
            }
        }
    }
}
