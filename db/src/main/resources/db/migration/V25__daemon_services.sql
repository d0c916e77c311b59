-- Daemon services (schedulingStrategy DAEMON, kept in the service's spec JSON) are read by every replica service pass
-- of their cluster, which leaves room for their missing tasks: a partial index keeps that read to the daemons' rows
-- instead of parsing the spec of every service of the cluster.
create index service_daemon_idx on service (cluster)
    where (spec::jsonb ->> 'schedulingStrategy') = 'DAEMON';
