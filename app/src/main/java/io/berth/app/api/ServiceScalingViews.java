package io.berth.app.api;

import io.berth.app.api.dto.ScheduledActionView;
import io.berth.app.api.dto.ServiceEventView;
import io.berth.app.api.dto.ServiceView;
import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.model.StepScaling;
import io.berth.reconciler.model.TargetTracking;
import io.berth.reconciler.store.ServiceSpecJson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's scaling as the console's Scaling panel shows it: the declared {@code autoScaling} range and policies,
 * its scheduled actions as {@code GET .../scheduled-actions} reads them (next firing, range in force), and the
 * newest scaling event of the service's events.
 */
@Component
public class ServiceScalingViews {

    /**
     * @param inForce       the range the fired scheduled actions set, "min..max"; null without scheduled actions
     * @param policies      one line per target tracking or step scaling policy, in the manifest's words
     * @param lastActivity  the newest "scaled ..." event of the service; null when it has none among its events
     */
    public record Scaling(int minCount, int maxCount, String inForce, List<String> policies,
                          List<ScheduledActionView> scheduled, ServiceEventView lastActivity) {
    }

    private final ServiceViews views;
    private final ScheduledActionViews scheduled;
    private final ServiceSpecJson specJson;

    public ServiceScalingViews(ServiceViews views, ScheduledActionViews scheduled, ServiceSpecJson specJson) {
        this.views = views;
        this.scheduled = scheduled;
        this.specJson = specJson;
    }

    /** @return null when the service has no {@code autoScaling}; 404 when there is no such service */
    public Scaling of(ServiceView service) {
        AutoScaling a = specJson.fromJson(views.find(service.cluster(), service.name()).getSpec()).autoScaling();
        if (a == null) {
            return null;
        }
        List<String> policies = new ArrayList<>();
        for (TargetTracking t : a.targetTracking()) {
            policies.add("target tracking: " + t.metric().manifestName() + " at " + t.target()
                    + (t.targetGroup() == null ? "" : " (target group " + t.targetGroup() + ")")
                    + (t.disableScaleIn() ? ", no scale-in" : ""));
        }
        for (StepScaling s : a.stepScaling()) {
            policies.add("step scaling: " + s.metric().manifestName() + ", " + s.steps().size() + " steps ("
                    + s.adjustmentType() + ")" + (s.targetGroup() == null ? "" : " (target group " + s.targetGroup() + ")"));
        }
        List<ScheduledActionView> actions = a.scheduled().isEmpty() ? List.of()
                : scheduled.ofService(service.cluster(), service.name());
        ServiceEventView last = service.events() == null ? null : service.events().stream()
                .filter(e -> e.message() != null && e.message().startsWith("scaled ")).findFirst().orElse(null);
        return new Scaling(a.minCount(), a.maxCount(), actions.isEmpty() ? null : actions.getFirst().inForce(),
                List.copyOf(policies), actions, last);
    }
}
