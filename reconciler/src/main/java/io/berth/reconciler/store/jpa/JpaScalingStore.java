package io.berth.reconciler.store.jpa;

import io.berth.db.model.ServiceEntity;
import io.berth.db.model.ServiceStatus;
import io.berth.db.repository.ServiceRepository;
import io.berth.reconciler.autoscaling.LastScaling;
import io.berth.reconciler.autoscaling.ScaledService;
import io.berth.reconciler.model.AutoScaling;
import io.berth.reconciler.store.ActionStatesJson;
import io.berth.reconciler.store.ScalingStore;
import io.berth.reconciler.store.ServiceSpecJson;
import org.springframework.data.domain.Limit;

import java.util.ArrayList;
import java.util.List;

/** {@link ScalingStore} over the service rows: a service is auto scaled when its stored spec has autoScaling. */
public final class JpaScalingStore implements ScalingStore {

    private final ServiceRepository services;
    private final ServiceSpecJson specJson;

    public JpaScalingStore(ServiceRepository services, ServiceSpecJson specJson) {
        this.services = services;
        this.specJson = specJson;
    }

    @Override
    public List<ScaledService> autoScaledServices(int limit) {
        List<ScaledService> result = new ArrayList<>();
        // The text match is a cheap pre-filter; the parsed spec decides.
        for (ServiceEntity s : services.findByStatusAndSpecContainingOrderById(ServiceStatus.ACTIVE,
                "\"autoScaling\"", Limit.of(limit))) {
            AutoScaling a = specJson.fromJson(s.getSpec()).autoScaling();
            if (a != null) {
                result.add(new ScaledService(s.getId(), s.getCluster(), s.getName(), s.getDesiredCount(), a,
                        new LastScaling(s.getScaledOutAt(), s.getScaledInAt()),
                        ActionStatesJson.fromJson(s.getScheduledActions())));
            }
        }
        return result;
    }
}
