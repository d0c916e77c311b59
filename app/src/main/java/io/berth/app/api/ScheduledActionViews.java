package io.berth.app.api;

import io.berth.app.api.dto.ScheduledActionView;
import io.berth.db.model.ServiceEntity;
import io.berth.db.repository.ServiceRepository;
import io.berth.reconciler.autoscaling.ActionState;
import io.berth.reconciler.autoscaling.ScheduledScalingPlanner;
import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.ScheduledScalingAction;
import io.berth.reconciler.schedule.Schedule;
import io.berth.reconciler.schedule.ScheduleZone;
import io.berth.reconciler.store.ActionStatesJson;
import io.berth.reconciler.store.ServiceSpecJson;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The scheduled scaling actions of services with their last and next firing, read from the service rows. */
@Component
public class ScheduledActionViews {

    /** Services read for a cluster's list; actions per service are bounded by the manifest (50). */
    static final int MAX_SERVICES = 1000;

    private final ServiceViews views;
    private final ServiceRepository services;
    private final ClusterViews clusters;
    private final ServiceSpecJson specJson;
    private final Clock clock;

    public ScheduledActionViews(ServiceViews views, ServiceRepository services, ClusterViews clusters,
                                ServiceSpecJson specJson, Clock clock) {
        this.views = views;
        this.services = services;
        this.clusters = clusters;
        this.specJson = specJson;
        this.clock = clock;
    }

    /** The service's actions in declaration order; 404 when there is no such service. */
    public List<ScheduledActionView> ofService(String cluster, String name) {
        return views(views.find(cluster, name), clock.instant());
    }

    /** Every service's actions, by service name then declaration order (services by name, at most 1000). */
    public List<ScheduledActionView> ofCluster(String cluster) {
        clusters.requireCluster(cluster);
        Instant now = clock.instant();
        List<ScheduledActionView> result = new ArrayList<>();
        for (ServiceEntity s : services.findByClusterOrderByName(cluster, Limit.of(MAX_SERVICES))) {
            if (s.getSpec().contains("\"scheduled\"")) { // a cheap pre-filter; the parsed spec decides
                result.addAll(views(s, now));
            }
        }
        return result;
    }

    private List<ScheduledActionView> views(ServiceEntity service, Instant now) {
        AutoScaling a = specJson.fromJson(service.getSpec()).autoScaling();
        if (a == null || a.scheduled().isEmpty()) {
            return List.of();
        }
        Map<String, ActionState> states = ActionStatesJson.fromJson(service.getScheduledActions());
        int[] range = ScheduledScalingPlanner.range(a, states);
        String inForce = range[0] + ".." + range[1];
        List<ScheduledActionView> result = new ArrayList<>();
        for (ScheduledScalingAction action : a.scheduled()) {
            ActionState state = states.get(action.name());
            // not armed yet (the first scaling round after the apply): firings count from now
            Instant since = state == null ? now : state.since().isAfter(now) ? state.since() : now;
            Instant next = Schedule.parse(action.schedule()).next(since, ScheduleZone.parse(action.timezone()))
                    .orElse(null);
            result.add(new ScheduledActionView(service.getName(), action.name(), action.schedule(),
                    action.timezone() == null ? ScheduleZone.DEFAULT.getId() : action.timezone(), action.minCount(),
                    action.maxCount(), state == null ? null : state.firedAt(), next, inForce));
        }
        return result;
    }
}
