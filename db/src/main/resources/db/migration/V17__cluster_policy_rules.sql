-- The policy settings beyond privileged mode, capabilities, host network and host paths (volume drivers, low host
-- ports, root user, registries), as one JSON object. '{}' (every cluster created before) reads as the defaults.
alter table cluster add column policy_rules text not null default '{}';
