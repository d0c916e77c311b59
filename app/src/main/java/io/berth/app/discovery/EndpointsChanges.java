package io.berth.app.discovery;

import io.berth.db.model.ServiceEntity;
import io.berth.db.repository.ServiceRepository;
import io.berth.reconciler.discovery.Endpoints;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Logs a service's endpoints on the change log (kind {@code endpoints}, op {@code updated}, payload the
 * {@link EndpointsView}) when they differ from those last logged. The service's {@code service_endpoints} row is
 * locked while its endpoints are read and compared, so concurrent callers (two Berths) log each state once, in order.
 */
@Component
public class EndpointsChanges {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EndpointsReader reader;
    private final ServiceRepository services;
    private final JsonMapper json = JsonMapper.builder().build();

    public EndpointsChanges(JdbcTemplate jdbc, TransactionTemplate tx, EndpointsReader reader, ServiceRepository services) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.reader = reader;
        this.services = services;
    }

    /** @return whether a change was logged */
    public boolean refresh(UUID serviceId) {
        Boolean logged = tx.execute(status -> {
            ServiceEntity s = services.findById(serviceId).orElse(null);
            if (s == null) {
                return false; // deleted: its own "deleted" change says so
            }
            // First sight: as if no endpoints were logged, so a service logs its endpoints once it has some.
            String none = sha256(json.writeValueAsString(new EndpointsView(s.getCluster(), s.getName(), List.of(), 0,
                    false)));
            jdbc.update("insert into service_endpoints (service_id, digest) values (?, ?) on conflict do nothing",
                    serviceId, none);
            String last = jdbc.queryForObject("select digest from service_endpoints where service_id = ? for update",
                    String.class, serviceId);
            Endpoints endpoints = reader.build(s);
            String payload = json.writeValueAsString(EndpointsView.of(endpoints));
            String digest = sha256(payload);
            if (digest.equals(last)) {
                return false;
            }
            jdbc.update("update service_endpoints set digest = ?, updated_at = now() where service_id = ?", digest,
                    serviceId);
            jdbc.update("insert into change_log (kind, op, cluster, service, object_id, payload)"
                    + " values ('endpoints', 'updated', ?, ?, ?, ?)", s.getCluster(), s.getName(), serviceId.toString(),
                    payload);
            return true;
        });
        return Boolean.TRUE.equals(logged);
    }

    /** Ids of the services named (cluster, name) in {@code keys}, and of every service of the clusters in {@code clusters}. */
    List<UUID> serviceIds(Collection<ServiceKey> keys, Collection<String> clusters) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (ServiceKey k : keys) {
            services.findByClusterAndName(k.cluster(), k.service()).ifPresent(s -> ids.add(s.getId()));
        }
        for (String c : clusters) {
            services.findByClusterOrderByName(c).forEach(s -> ids.add(s.getId()));
        }
        return List.copyOf(ids);
    }

    List<UUID> allServiceIds() {
        return services.findAllToReconcile().stream().map(ServiceEntity::getId).toList();
    }

    record ServiceKey(String cluster, String service) {
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
