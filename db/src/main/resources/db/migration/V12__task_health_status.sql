-- A task's health (ECS's healthStatus: UNKNOWN, HEALTHY, UNHEALTHY), derived by the application from the health of
-- its containers whose checks count (task_container.health, which also takes STARTING now). Recorded so that a task
-- turning HEALTHY or UNHEALTHY is a task change in the change log behind GET /v1/watch.
alter table task add column health_status varchar(16) not null default 'UNKNOWN';
comment on column task_container.health is 'UNKNOWN | STARTING | HEALTHY | UNHEALTHY';

create or replace function change_log_task() returns trigger language plpgsql as $$
begin
    insert into change_log (kind, op, cluster, service, object_id, payload)
    values ('task', case tg_op when 'INSERT' then 'created' else 'updated' end, new.cluster, new.service_name,
            new.id::text,
            jsonb_build_object('id', new.id, 'service', new.service_name,
                               'taskDefinition', new.task_family || ':' || new.task_revision,
                               'lastStatus', new.last_status, 'desiredStatus', new.desired_status,
                               'healthStatus', new.health_status,
                               'stopCode', new.stop_code, 'stoppedReason', new.stopped_reason,
                               'containerInstanceId', new.container_instance_id, 'deploymentId', new.deployment_id,
                               'startedAt', new.started_at, 'stoppedAt', new.stopped_at)::text);
    return null;
end $$;

drop trigger task_change_log_update on task;
create trigger task_change_log_update after update on task
    for each row when (old.last_status is distinct from new.last_status
                    or old.desired_status is distinct from new.desired_status
                    or old.stop_code is distinct from new.stop_code
                    or old.health_status is distinct from new.health_status)
    execute function change_log_task();
