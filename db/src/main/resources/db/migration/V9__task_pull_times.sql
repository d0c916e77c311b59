-- ECS's pullStartedAt / pullStoppedAt of a task: when its launch pulled images. Null when no pull happened (the
-- images were on the host).
alter table task add column pull_started_at timestamptz;
alter table task add column pull_stopped_at timestamptz;
