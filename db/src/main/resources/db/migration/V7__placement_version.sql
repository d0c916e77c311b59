-- Placements on an instance are claimed with optimistic concurrency: a pass that places tasks on an instance
-- bumps this counter from the value it read before reading the instance's tasks; a pass that read an older
-- value placed on stale load and is retried. Separate from "version" (which heartbeats bump) so that only a
-- competing placement is a conflict.
alter table container_instance add column placement_version bigint not null default 0;
