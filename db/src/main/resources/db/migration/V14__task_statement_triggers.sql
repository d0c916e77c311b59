-- A launch writes its task rows with one COPY per pass (thousands of rows). Per row, PostgreSQL ran five
-- foreign-key checks (cluster, service, deployment, task definition, container instance: each a lookup that
-- share-locks the referenced row, ~5 us) and the change-log trigger, which was more than half of the COPY's time
-- (EXPLAIN ANALYZE of 20,000 rows: insert 0.3 s, foreign keys 0.57 s, change log 0.28 s). Here both become
-- statement-level triggers over the statement's new rows (transition tables): the references are checked and
-- share-locked once per distinct referenced row, and the change log is one INSERT ... SELECT.
--
-- What the five foreign keys guaranteed is kept, in both directions:
-- * a task row is never stored (insert or update of a reference column) that names a missing cluster, service,
--   deployment, task definition or container instance: foreign_key_violation (SQLSTATE 23503, which Spring
--   reports as DataIntegrityViolationException as before), naming the former constraint;
-- * the referenced rows are share-locked (FOR KEY SHARE, as the foreign keys lock them) until the inserting
--   transaction ends, so a concurrent delete of one waits and then finds the new task;
-- * deleting a service or a deployment sets the tasks' reference to null (was ON DELETE SET NULL); deleting or
--   renaming a cluster, task definition or container instance that a task references fails (was NO ACTION).

-- ---- the task side ----

create function task_reference_violation(op text, constraint_name text, task_id uuid) returns void
    language plpgsql as $$
begin
    raise foreign_key_violation using
        message = format('%s on table "task" violates foreign key constraint "%s" (task %s)', op, constraint_name, task_id),
        constraint = constraint_name, table = 'task';
end $$;

create function task_references_inserted() returns trigger language plpgsql as $$
declare
    bad uuid;
begin
    -- Lock first (each referenced row once, in key order so that two launches queue rather than deadlock), then
    -- look for a missing one: a row deleted before its lock was granted is gone by then. One anti-join per reference.
    perform 1 from cluster p where p.name in (select cluster from new_tasks) order by p.name for key share;
    perform 1 from service p where p.id in (select service_id from new_tasks) order by p.id for key share;
    perform 1 from deployment p where p.id in (select deployment_id from new_tasks) order by p.id for key share;
    perform 1 from task_definition p where (p.family, p.revision) in (select task_family, task_revision from new_tasks)
        order by p.family, p.revision for key share;
    perform 1 from container_instance p where p.id in (select container_instance_id from new_tasks)
        order by p.id for key share;
    select n.id into bad from new_tasks n where not exists (select 1 from cluster p where p.name = n.cluster) limit 1;
    if found then
        perform task_reference_violation('insert', 'task_cluster_fkey', bad);
    end if;
    select n.id into bad from new_tasks n
    where n.service_id is not null and not exists (select 1 from service p where p.id = n.service_id) limit 1;
    if found then
        perform task_reference_violation('insert', 'task_service_id_fkey', bad);
    end if;
    select n.id into bad from new_tasks n
    where n.deployment_id is not null and not exists (select 1 from deployment p where p.id = n.deployment_id) limit 1;
    if found then
        perform task_reference_violation('insert', 'task_deployment_id_fkey', bad);
    end if;
    select n.id into bad from new_tasks n
    where not exists (select 1 from task_definition p where p.family = n.task_family and p.revision = n.task_revision)
    limit 1;
    if found then
        perform task_reference_violation('insert', 'task_definition_fk', bad);
    end if;
    select n.id into bad from new_tasks n
    where n.container_instance_id is not null
      and not exists (select 1 from container_instance p where p.id = n.container_instance_id) limit 1;
    if found then
        perform task_reference_violation('insert', 'task_container_instance_id_fkey', bad);
    end if;
    return null;
end $$;

-- An update changes a reference rarely (a service's deletion nulls it, which needs no check): a row trigger that
-- fires only then.
create function task_references_updated() returns trigger language plpgsql as $$
begin
    perform 1 from cluster p where p.name = new.cluster for key share;
    if not found then
        perform task_reference_violation('update', 'task_cluster_fkey', new.id);
    end if;
    if new.service_id is not null then
        perform 1 from service p where p.id = new.service_id for key share;
        if not found then
            perform task_reference_violation('update', 'task_service_id_fkey', new.id);
        end if;
    end if;
    if new.deployment_id is not null then
        perform 1 from deployment p where p.id = new.deployment_id for key share;
        if not found then
            perform task_reference_violation('update', 'task_deployment_id_fkey', new.id);
        end if;
    end if;
    perform 1 from task_definition p where p.family = new.task_family and p.revision = new.task_revision for key share;
    if not found then
        perform task_reference_violation('update', 'task_definition_fk', new.id);
    end if;
    if new.container_instance_id is not null then
        perform 1 from container_instance p where p.id = new.container_instance_id for key share;
        if not found then
            perform task_reference_violation('update', 'task_container_instance_id_fkey', new.id);
        end if;
    end if;
    return null;
end $$;

alter table task drop constraint task_cluster_fkey,
                 drop constraint task_service_id_fkey,
                 drop constraint task_deployment_id_fkey,
                 drop constraint task_definition_fk,
                 drop constraint task_container_instance_id_fkey;

create trigger task_references_inserted after insert on task referencing new table as new_tasks
    for each statement execute function task_references_inserted();
create trigger task_references_updated after update on task
    for each row when (old.cluster is distinct from new.cluster
                    or (new.service_id is not null and old.service_id is distinct from new.service_id)
                    or (new.deployment_id is not null and old.deployment_id is distinct from new.deployment_id)
                    or old.task_family is distinct from new.task_family
                    or old.task_revision is distinct from new.task_revision
                    or (new.container_instance_id is not null
                        and old.container_instance_id is distinct from new.container_instance_id))
    execute function task_references_updated();

-- ---- the referenced side ----

create function task_reference_set_null() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'service' then
        update task set service_id = null where service_id = old.id;
    else
        update task set deployment_id = null where deployment_id = old.id;
    end if;
    return null;
end $$;

create trigger task_service_set_null after delete on service
    for each row execute function task_reference_set_null();
create trigger task_deployment_set_null after delete on deployment
    for each row execute function task_reference_set_null();

create function task_reference_restrict() returns trigger language plpgsql as $$
declare
    referenced boolean;
    name text;
begin
    case tg_table_name
        when 'cluster' then
            referenced := exists (select 1 from task where cluster = old.name);
            name := 'task_cluster_fkey';
        when 'task_definition' then
            referenced := exists (select 1 from task where task_family = old.family and task_revision = old.revision);
            name := 'task_definition_fk';
        when 'container_instance' then
            referenced := exists (select 1 from task where container_instance_id = old.id);
            name := 'task_container_instance_id_fkey';
        else -- service, deployment: only a changed id restricts (a delete nulls the reference instead)
            referenced := exists (select 1 from task where service_id = old.id or deployment_id = old.id);
            name := case tg_table_name when 'service' then 'task_service_id_fkey' else 'task_deployment_id_fkey' end;
    end case;
    if referenced then
        raise foreign_key_violation using
            message = format('%s on table "%s" violates foreign key constraint "%s" on table "task"',
                             lower(tg_op), tg_table_name, name),
            constraint = name, table = tg_table_name;
    end if;
    return null;
end $$;

create trigger task_cluster_restrict after delete on cluster
    for each row execute function task_reference_restrict();
create trigger task_cluster_restrict_update after update on cluster
    for each row when (old.name is distinct from new.name) execute function task_reference_restrict();
create trigger task_definition_restrict after delete on task_definition
    for each row execute function task_reference_restrict();
create trigger task_definition_restrict_update after update on task_definition
    for each row when (old.family is distinct from new.family or old.revision is distinct from new.revision)
    execute function task_reference_restrict();
create trigger task_instance_restrict after delete on container_instance
    for each row execute function task_reference_restrict();
create trigger task_instance_restrict_update after update on container_instance
    for each row when (old.id is distinct from new.id) execute function task_reference_restrict();
create trigger task_service_restrict_update after update on service
    for each row when (old.id is distinct from new.id) execute function task_reference_restrict();
create trigger task_deployment_restrict_update after update on deployment
    for each row when (old.id is distinct from new.id) execute function task_reference_restrict();

-- ---- the change log: one INSERT ... SELECT per statement for new tasks (same rows, same payload) ----

create function change_log_tasks_inserted() returns trigger language plpgsql as $$
begin
    insert into change_log (kind, op, cluster, service, object_id, payload)
    select 'task', 'created', n.cluster, n.service_name, n.id::text,
           jsonb_build_object('id', n.id, 'service', n.service_name,
                              'taskDefinition', n.task_family || ':' || n.task_revision,
                              'lastStatus', n.last_status, 'desiredStatus', n.desired_status,
                              'healthStatus', n.health_status,
                              'stopCode', n.stop_code, 'stoppedReason', n.stopped_reason,
                              'containerInstanceId', n.container_instance_id, 'deploymentId', n.deployment_id,
                              'startedAt', n.started_at, 'stoppedAt', n.stopped_at)::text
    from new_tasks n;
    return null;
end $$;

drop trigger task_change_log on task;
create trigger task_change_log after insert on task referencing new table as new_tasks
    for each statement execute function change_log_tasks_inserted();
