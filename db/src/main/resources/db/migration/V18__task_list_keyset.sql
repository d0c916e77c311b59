-- The task list pages newest first by (created_at, id) (keyset pagination): these indexes serve each page
-- without reading the pages before it.
create index task_cluster_created_idx on task (cluster, created_at desc, id desc);
create index task_service_created_idx on task (service_id, created_at desc, id desc);
