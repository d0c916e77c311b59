package io.berth.app.api;

import io.berth.app.api.dto.LoadBalancerView;
import io.berth.app.api.dto.TargetGroupView;
import io.berth.app.manifest.DurationText;
import io.berth.db.model.TrafficKind;
import io.berth.db.model.TrafficResourceEntity;
import io.berth.db.repository.ClusterRepository;
import io.berth.db.repository.TrafficResourceRepository;
import io.berth.reconciler.store.TrafficSpecJson;
import io.berth.reconciler.traffic.LoadBalancer;
import io.berth.reconciler.traffic.TargetGroup;
import io.berth.reconciler.traffic.TargetHealthCheck;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads target groups and load balancers for the API: by name, or a page ordered by name. */
@Component
@Transactional(readOnly = true)
public class TrafficViews {

    private final TrafficResourceRepository traffic;
    private final ClusterRepository clusters;
    private final JsonText json;
    private final TrafficSpecJson specJson = new TrafficSpecJson();

    TrafficViews(TrafficResourceRepository traffic, ClusterRepository clusters, JsonText json) {
        this.traffic = traffic;
        this.clusters = clusters;
        this.json = json;
    }

    Page<TargetGroupView> targetGroups(String cluster, PageRequest page) {
        return page(cluster, TrafficKind.TARGET_GROUP, page, this::targetGroupView);
    }

    Page<LoadBalancerView> loadBalancers(String cluster, PageRequest page) {
        return page(cluster, TrafficKind.LOAD_BALANCER, page, this::loadBalancerView);
    }

    TargetGroupView targetGroup(String cluster, String name) {
        return targetGroupView(find(cluster, TrafficKind.TARGET_GROUP, name, "target group"));
    }

    LoadBalancerView loadBalancer(String cluster, String name) {
        return loadBalancerView(find(cluster, TrafficKind.LOAD_BALANCER, name, "load balancer"));
    }

    TrafficResourceEntity find(String cluster, TrafficKind kind, String name, String what) {
        if (!clusters.existsById(cluster)) {
            throw ApiErrors.clusterNotFound(cluster);
        }
        return traffic.findByClusterAndKindAndName(cluster, kind, name).orElseThrow(() -> ApiErrors.notFound(
                what + " \"" + name + "\" not found in cluster \"" + cluster + "\""));
    }

    private <T> Page<T> page(String cluster, TrafficKind kind, PageRequest page,
                             Function<TrafficResourceEntity, T> view) {
        if (!clusters.existsById(cluster)) {
            throw ApiErrors.clusterNotFound(cluster);
        }
        String after = page.afterName();
        // One more than asked: whether a next page exists, without a count query.
        List<TrafficResourceEntity> rows = traffic.findByClusterAndKindAndNameGreaterThanOrderByName(cluster, kind,
                after == null ? "" : after, Limit.of(page.limit() + 1));
        boolean more = rows.size() > page.limit();
        List<TrafficResourceEntity> shown = more ? rows.subList(0, page.limit()) : rows;
        String next = more ? ContinueToken.encodeName(shown.getLast().getName()) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }

    private TargetGroupView targetGroupView(TrafficResourceEntity e) {
        TargetGroup g = specJson.targetGroup(e.getName(), e.getSpec());
        TargetHealthCheck hc = g.healthCheck();
        Map<String, Object> check = new LinkedHashMap<>();
        hc.path().ifPresent(p -> check.put("path", p));
        check.put("port", hc.checksTrafficPort() ? TargetHealthCheck.TRAFFIC_PORT_TEXT : hc.port());
        check.put("interval", DurationText.format(hc.interval()));
        check.put("timeout", DurationText.format(hc.timeout()));
        check.put("healthyThreshold", hc.healthyThreshold());
        check.put("unhealthyThreshold", hc.unhealthyThreshold());
        if (hc.path().isPresent()) {
            check.put("matcher", hc.matcher().toString());
        }
        return new TargetGroupView(e.getName(), e.getCluster(), g.protocol().name(), check,
                DurationText.format(g.deregistrationDelay()), DurationText.format(g.connectTimeout()),
                json.stringMap(e.getLabels()), e.getCreatedAt(),
                e.getUpdatedAt());
    }

    private LoadBalancerView loadBalancerView(TrafficResourceEntity e) {
        LoadBalancer lb = specJson.loadBalancer(e.getName(), e.getSpec());
        return new LoadBalancerView(e.getName(), e.getCluster(), lb.placement().orElse(null),
                lb.listeners().stream().map(l -> new LoadBalancerView.ListenerView(l.port(), l.protocol().name(),
                        l.defaultTargetGroup(), l.rules().stream().map(r -> new LoadBalancerView.RuleView(
                        r.pathPrefix().orElse(null), r.host().orElse(null), r.targetGroup())).toList())).toList(),
                json.stringMap(e.getLabels()), e.getCreatedAt(), e.getUpdatedAt());
    }
}
