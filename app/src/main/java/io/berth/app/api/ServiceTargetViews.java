package io.berth.app.api;

import io.berth.app.api.dto.TargetHealthView;
import io.berth.reconciler.model.ServiceLoadBalancer;
import io.berth.reconciler.pass.TargetHealthReader;
import io.berth.reconciler.store.ServiceSpecJson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The target groups a service's tasks are registered in, each with its targets' health as
 * {@code GET .../target-groups/{name}/targets} reports it (HAProxy's own checks).
 */
@Component
public class ServiceTargetViews {

    public record Group(String targetGroup, String container, int containerPort, List<TargetHealthView> targets) {
    }

    private final ServiceViews views;
    private final ServiceSpecJson specJson;
    private final TargetHealthReader health;

    public ServiceTargetViews(ServiceViews views, ServiceSpecJson specJson, TargetHealthReader health) {
        this.views = views;
        this.specJson = specJson;
        this.health = health;
    }

    /** @return empty when the service is behind no target group (at most 5: ECS's limit per service) */
    public List<Group> of(String cluster, String name) {
        List<ServiceLoadBalancer> lbs = specJson.fromJson(views.find(cluster, name).getSpec()).loadBalancers();
        List<Group> result = new ArrayList<>();
        for (ServiceLoadBalancer lb : lbs == null ? List.<ServiceLoadBalancer>of() : lbs) {
            result.add(new Group(lb.targetGroup(), lb.containerName(), lb.containerPort(),
                    health.describe(cluster, lb.targetGroup()).stream().map(t -> new TargetHealthView(
                            new TargetHealthView.Target(t.taskId(), t.instanceId().toString(), t.port()),
                            new TargetHealthView.Health(t.health().state(), t.health().reason(),
                                    t.health().description()))).toList()));
        }
        return List.copyOf(result);
    }
}
