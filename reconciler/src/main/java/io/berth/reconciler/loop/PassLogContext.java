package io.berth.reconciler.loop;

import org.slf4j.MDC;

/**
 * Puts what a pass is about into the logging MDC for the pass's duration (on the worker thread), so that every
 * line it logs carries it: {@code berth.pass=service berth.service_id=…} or {@code berth.pass=instance
 * berth.instance_id=…}. With structured (JSON) logs these become fields one can filter on; the service reconciler
 * adds {@code berth.cluster} and {@code berth.service} once it knows the names. Prefixed, because ECS has its own
 * {@code service} (the application's name).
 */
final class PassLogContext implements AutoCloseable {

    static final String PASS = "berth.pass";
    static final String SERVICE_ID = "berth.service_id";
    static final String INSTANCE_ID = "berth.instance_id";
    static final String TASK_ID = "berth.task_id";
    static final String CLUSTER = "berth.cluster";

    private final String idKey;

    private PassLogContext(String idKey) {
        this.idKey = idKey;
    }

    static PassLogContext open(ReconcileKey key) {
        return switch (key) {
            case ReconcileKey.ServiceKey service -> put("service", SERVICE_ID, service.serviceId().toString());
            case ReconcileKey.InstanceKey instance -> put("instance", INSTANCE_ID, instance.instanceId().toString());
            case ReconcileKey.TaskKey task -> put("task", TASK_ID, task.taskId().toString());
            case ReconcileKey.TrafficKey traffic -> put("traffic", CLUSTER, traffic.cluster());
            case ReconcileKey.ScheduleKey schedules -> put("schedules", null, null);
            case ReconcileKey.Resync resync -> put("resync", null, null);
        };
    }

    private static PassLogContext put(String pass, String idKey, String id) {
        MDC.put(PASS, pass);
        if (idKey != null) {
            MDC.put(idKey, id);
        }
        return new PassLogContext(idKey);
    }

    @Override
    public void close() {
        MDC.remove(PASS);
        if (idKey != null) {
            MDC.remove(idKey);
        }
    }
}
