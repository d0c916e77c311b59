-- Deployments: every change of a service's task-definition revision (and every forced restart or rollback)
-- is a deployment. One PRIMARY per service (the revision being rolled out or running); older ones stay
-- ACTIVE while they still have tasks, then INACTIVE. Tasks belong to the deployment that started them.
create table deployment (
    id             uuid         primary key,
    service_id     uuid         not null references service (id) on delete cascade,
    task_family    varchar(255) not null,
    task_revision  integer      not null,
    status         varchar(16)  not null,                -- PRIMARY | ACTIVE | INACTIVE
    rollout_state  varchar(16)  not null,                -- IN_PROGRESS | COMPLETED | FAILED | ROLLED_BACK
    rollout_reason text,
    trigger        varchar(16)  not null,                -- CREATED | UPDATED | ROLLBACK | RESTART
    desired_count  integer      not null,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    finished_at    timestamptz,
    version        bigint       not null default 0,
    constraint deployment_task_definition_fk foreign key (task_family, task_revision)
        references task_definition (family, revision)
);
create index deployment_service_idx on deployment (service_id, created_at);
create unique index deployment_one_primary on deployment (service_id) where status = 'PRIMARY';

alter table task add column deployment_id uuid references deployment (id) on delete set null;
create index task_deployment_idx on task (deployment_id);

-- Services that exist already get one completed deployment of their current revision.
insert into deployment (id, service_id, task_family, task_revision, status, rollout_state, rollout_reason, trigger,
                        desired_count, created_at, updated_at, finished_at)
select gen_random_uuid(), s.id, s.task_family, s.task_revision, 'PRIMARY', 'COMPLETED',
       'deployment records started with this version of Berth', 'CREATED', s.desired_count, s.created_at, now(), now()
  from service s;
update task t set deployment_id = d.id
  from deployment d
 where d.service_id = t.service_id and d.task_family = t.task_family and d.task_revision = t.task_revision;
