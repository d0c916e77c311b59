package io.berth.app.api;

import io.berth.db.model.TrafficKind;
import io.berth.db.model.TrafficResourceEntity;
import io.berth.db.repository.ServiceRepository;
import io.berth.db.repository.TrafficResourceRepository;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.desiredstate.TrafficResourceWrite;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.TrafficSpecJson;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a target group or a load balancer. As ELBv2's ResourceInUse: a target group that a load balancer's
 * listener or a service still names is refused (409, naming them), so no listener points at nothing.
 */
@Component
class TrafficDeletion {

    private final TrafficViews views;
    private final TrafficResourceRepository traffic;
    private final ServiceRepository services;
    private final ServiceSpecJson serviceSpecJson;
    private final DesiredStateWrites writes;
    private final TrafficSpecJson specJson = new TrafficSpecJson();

    TrafficDeletion(TrafficViews views, TrafficResourceRepository traffic, ServiceRepository services,
                    ServiceSpecJson serviceSpecJson, DesiredStateWrites writes) {
        this.views = views;
        this.traffic = traffic;
        this.services = services;
        this.serviceSpecJson = serviceSpecJson;
        this.writes = writes;
    }

    @Transactional
    void deleteTargetGroup(String cluster, String name) {
        views.find(cluster, TrafficKind.TARGET_GROUP, name, "target group");
        List<String> users = new ArrayList<>();
        for (TrafficResourceEntity lb : traffic.findByClusterAndKind(cluster, TrafficKind.LOAD_BALANCER)) {
            if (specJson.loadBalancer(lb.getName(), lb.getSpec()).targetGroupNames().contains(name)) {
                users.add("load balancer \"" + lb.getName() + "\"");
            }
        }
        services.findByClusterOrderByName(cluster).stream()
                .filter(s -> serviceSpecJson.fromJson(s.getSpec()).loadBalancers().stream()
                        .anyMatch(lb -> lb.targetGroup().equals(name)))
                .forEach(s -> users.add("service \"" + s.getName() + "\""));
        if (!users.isEmpty()) {
            throw ApiErrors.conflict("target group \"" + name + "\" is in use by " + String.join(", ", users)
                    + "; remove it from them first");
        }
        writes.deleteTrafficResource(cluster, TrafficResourceWrite.Kind.TARGET_GROUP, name);
    }

    @Transactional
    void deleteLoadBalancer(String cluster, String name) {
        views.find(cluster, TrafficKind.LOAD_BALANCER, name, "load balancer");
        writes.deleteTrafficResource(cluster, TrafficResourceWrite.Kind.LOAD_BALANCER, name);
    }
}
