-- The change log behind GET /v1/watch: one row per change of a service, deployment or task and per service
-- event, written by triggers in the same transaction as the change (whatever code made it), so that no
-- committed change is missed and no rolled-back one is shown.
--
-- Stream positions (seq) are not the insert ids: ids come from a sequence in insert order, and transactions
-- commit in another order, so a reader past id 10 could later see a committed id 9. The application's
-- sequencer numbers committed rows instead (seq), one batch at a time under a row lock on change_log_position:
-- a row is numbered only once visible, so positions only ever grow in the order readers can see them.
create table change_log (
    id          bigserial    primary key,
    seq         bigint       unique,                -- stream position; null until the sequencer numbers the row
    kind        varchar(16)  not null,              -- service | deployment | task | event
    op          varchar(8)   not null,              -- created | updated | deleted
    cluster     varchar(255) not null,
    service     varchar(255),                       -- service name; null for tasks of no service
    object_id   varchar(64)  not null,
    payload     text         not null,              -- JSON: the changed object's fields at the time of the change
    created_at  timestamptz  not null default now()
);
create index change_log_unsequenced on change_log (id) where seq is null;
create index change_log_created on change_log (created_at);

-- last_seq: the newest position handed out; pruned_seq: every position up to this one was pruned.
create table change_log_position (
    singleton  boolean primary key default true check (singleton),
    last_seq   bigint  not null,
    pruned_seq bigint  not null
);
insert into change_log_position (singleton, last_seq, pruned_seq) values (true, 0, 0);

create function change_log_service() returns trigger language plpgsql as $$
declare
    r service%rowtype;
begin
    if tg_op = 'DELETE' then r := old; else r := new; end if;
    insert into change_log (kind, op, cluster, service, object_id, payload)
    values ('service', case tg_op when 'INSERT' then 'created' when 'UPDATE' then 'updated' else 'deleted' end,
            r.cluster, r.name, r.id::text,
            jsonb_build_object('id', r.id, 'name', r.name, 'cluster', r.cluster,
                               'taskDefinition', r.task_family || ':' || r.task_revision,
                               'desiredCount', r.desired_count, 'status', r.status, 'generation', r.generation)::text);
    return null;
end $$;

create trigger service_change_log after insert or delete on service
    for each row execute function change_log_service();
create trigger service_change_log_update after update on service
    for each row when (old.desired_count is distinct from new.desired_count
                    or old.task_family is distinct from new.task_family
                    or old.task_revision is distinct from new.task_revision
                    or old.status is distinct from new.status
                    or old.generation is distinct from new.generation)
    execute function change_log_service();

create function change_log_deployment() returns trigger language plpgsql as $$
declare
    s record;
begin
    select name, cluster into s from service where id = new.service_id;
    if not found then
        return null; -- its service is going away: the service's own "deleted" says it all
    end if;
    insert into change_log (kind, op, cluster, service, object_id, payload)
    values ('deployment', case tg_op when 'INSERT' then 'created' else 'updated' end, s.cluster, s.name, new.id::text,
            jsonb_build_object('id', new.id, 'service', s.name, 'taskDefinition', new.task_family || ':' || new.task_revision,
                               'status', new.status, 'rolloutState', new.rollout_state, 'reason', new.rollout_reason,
                               'trigger', new.trigger, 'desiredCount', new.desired_count,
                               'createdAt', new.created_at, 'finishedAt', new.finished_at)::text);
    return null;
end $$;

create trigger deployment_change_log after insert on deployment
    for each row execute function change_log_deployment();
create trigger deployment_change_log_update after update on deployment
    for each row when (old.status is distinct from new.status
                    or old.rollout_state is distinct from new.rollout_state
                    or old.rollout_reason is distinct from new.rollout_reason)
    execute function change_log_deployment();

create function change_log_task() returns trigger language plpgsql as $$
begin
    insert into change_log (kind, op, cluster, service, object_id, payload)
    values ('task', case tg_op when 'INSERT' then 'created' else 'updated' end, new.cluster, new.service_name,
            new.id::text,
            jsonb_build_object('id', new.id, 'service', new.service_name,
                               'taskDefinition', new.task_family || ':' || new.task_revision,
                               'lastStatus', new.last_status, 'desiredStatus', new.desired_status,
                               'stopCode', new.stop_code, 'stoppedReason', new.stopped_reason,
                               'containerInstanceId', new.container_instance_id, 'deploymentId', new.deployment_id,
                               'startedAt', new.started_at, 'stoppedAt', new.stopped_at)::text);
    return null;
end $$;

create trigger task_change_log after insert on task
    for each row execute function change_log_task();
create trigger task_change_log_update after update on task
    for each row when (old.last_status is distinct from new.last_status
                    or old.desired_status is distinct from new.desired_status
                    or old.stop_code is distinct from new.stop_code)
    execute function change_log_task();

create function change_log_service_event() returns trigger language plpgsql as $$
declare
    s record;
begin
    select name, cluster into s from service where id = new.service_id;
    if not found then
        return null;
    end if;
    insert into change_log (kind, op, cluster, service, object_id, payload)
    values ('event', 'created', s.cluster, s.name, new.id::text,
            jsonb_build_object('service', s.name, 'message', new.message, 'createdAt', new.created_at)::text);
    return null;
end $$;

create trigger service_event_change_log after insert on service_event
    for each row execute function change_log_service_event();
