-- Container instances in the change log (kind 'instance'): registered, set ACTIVE / DRAINING, deregistered
-- (INACTIVE), connected or disconnected — what ECS reports as container instance state changes. Heartbeats (last
-- seen) and the recount of remaining resources are not changes. Besides /v1/watch, the Berth running the control
-- loop follows these to act at once on what another Berth on the database changed (a drain set through a standby).
create function change_log_instance() returns trigger language plpgsql as $$
begin
    insert into change_log (kind, op, cluster, service, object_id, payload)
    values ('instance', case tg_op when 'INSERT' then 'created' else 'updated' end, new.cluster, null, new.id::text,
            jsonb_build_object('id', new.id, 'name', new.name, 'endpoint', new.endpoint, 'status', new.status,
                               'connected', new.connected, 'lastSeen', new.last_seen)::text);
    return null;
end $$;

create trigger instance_change_log after insert on container_instance
    for each row execute function change_log_instance();
create trigger instance_change_log_update after update on container_instance
    for each row when (old.status is distinct from new.status or old.connected is distinct from new.connected)
    execute function change_log_instance();
