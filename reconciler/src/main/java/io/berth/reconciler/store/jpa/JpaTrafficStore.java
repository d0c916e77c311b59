package io.berth.reconciler.store.jpa;

import io.berth.db.model.TrafficKind;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TrafficResourceRepository;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.TrafficSpecJson;
import io.berth.reconciler.store.TrafficStore;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.TargetGroup;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the traffic resources as stored (table traffic_resource) and the services' load balancer entries. */
public final class JpaTrafficStore implements TrafficStore {

    private final TrafficResourceRepository traffic;
    private final ServiceRepository services;
    private final ServiceSpecJson serviceSpecJson;
    private final TransactionTemplate tx;
    private final TrafficSpecJson specJson = new TrafficSpecJson();

    public JpaTrafficStore(TrafficResourceRepository traffic, ServiceRepository services,
                           ServiceSpecJson serviceSpecJson, TransactionTemplate tx) {
        this.traffic = traffic;
        this.services = services;
        this.serviceSpecJson = serviceSpecJson;
        this.tx = tx;
    }

    @Override
    public List<LoadBalancer> loadBalancers(String cluster) {
        return tx.execute(s -> traffic.findByClusterAndKind(cluster, TrafficKind.LOAD_BALANCER).stream()
                .map(e -> specJson.loadBalancer(e.getName(), e.getSpec())).toList());
    }

    @Override
    public List<TargetGroup> targetGroups(String cluster) {
        return tx.execute(s -> traffic.findByClusterAndKind(cluster, TrafficKind.TARGET_GROUP).stream()
                .map(e -> specJson.targetGroup(e.getName(), e.getSpec())).toList());
    }

    @Override
    public List<ServiceTargets> servicesBehindLoadBalancers(String cluster) {
        return tx.execute(s -> {
            List<ServiceTargets> result = new ArrayList<>();
            services.findByClusterOrderByName(cluster).forEach(e -> {
                var lbs = serviceSpecJson.fromJson(e.getSpec()).loadBalancers();
                if (lbs != null && !lbs.isEmpty()) {
                    result.add(new ServiceTargets(e.getId(), lbs));
                }
            });
            return result;
        });
    }

    /** Reads the one service's spec, and the target groups only when it names some. */
    @Override
    public java.util.Optional<ServiceRegistration> registrationOf(String cluster, UUID serviceId) {
        var entries = tx.execute(s -> services.findById(serviceId)
                .map(e -> serviceSpecJson.fromJson(e.getSpec()).loadBalancers()).orElse(null));
        if (entries == null || entries.isEmpty()) {
            return java.util.Optional.empty();
        }
        return ServiceRegistration.of(entries, targetGroups(cluster));
    }
}
