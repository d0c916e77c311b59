-- One-off tasks (ECS run-task): the group and the overrides they were started with. startedBy already exists.
-- overrides is the JSON of the request's containerOverrides; null for service tasks and runs without overrides.
alter table task add column task_group varchar(255);
alter table task add column overrides  text;

-- The one-off reconciler's resync walks the standalone tasks that are not STOPPED (service_name is null only for
-- them: tasks of a deleted service keep their service's name).
create index task_standalone_idx on task (cluster) where service_name is null and last_status <> 'STOPPED';
-- Retention of task records: stopped tasks are deleted by age.
create index task_stopped_at_idx on task (stopped_at) where last_status = 'STOPPED';
