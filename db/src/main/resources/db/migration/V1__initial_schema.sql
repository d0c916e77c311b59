-- Berth's desired and observed state.
-- Optimistic concurrency: every mutable row has a "version" column (JPA @Version).

create table cluster (
    name        varchar(255) primary key,
    created_at  timestamptz  not null,
    version     bigint       not null default 0
);

-- A Docker host of a cluster.
create table container_instance (
    id                uuid          primary key,
    cluster           varchar(255)  not null references cluster (name),
    endpoint          varchar(1024) not null,
    engine_id         varchar(255),
    hostname          varchar(255),
    status            varchar(16)   not null,            -- ACTIVE | DRAINING | INACTIVE
    connected         boolean       not null,
    last_seen         timestamptz,
    registered_cpu    integer       not null,            -- CPU units, 1024 per core
    registered_memory integer       not null,            -- MiB
    remaining_cpu     integer       not null,
    remaining_memory  integer       not null,
    attributes        text          not null default '{}', -- JSON object of string -> string
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    version           bigint        not null default 0,
    constraint container_instance_endpoint_unique unique (cluster, endpoint)
);

-- Immutable revisions of a family. spec is the JSON of the reconciler's TaskDefinitionSpec.
create table task_definition (
    family      varchar(255) not null,
    revision    integer      not null,
    status      varchar(16)  not null,                   -- ACTIVE | INACTIVE
    spec        text         not null,
    spec_hash   varchar(64)  not null,                   -- sha-256 of the canonical spec JSON
    created_at  timestamptz  not null,
    primary key (family, revision)
);

create table service (
    id                  uuid         primary key,
    cluster             varchar(255) not null references cluster (name),
    name                varchar(255) not null,
    task_definition_ref varchar(255) not null,           -- as written: family or family:N
    task_family         varchar(255) not null,           -- resolved at apply time
    task_revision       integer      not null,
    desired_count       integer      not null,
    status              varchar(16)  not null,           -- ACTIVE | DRAINING (being deleted)
    spec                text         not null,           -- the applied spec JSON, for idempotent apply
    labels              text         not null default '{}',
    generation          bigint       not null,           -- +1 on every spec change
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    version             bigint       not null default 0,
    constraint service_name_unique unique (cluster, name),
    constraint service_task_definition_fk foreign key (task_family, task_revision)
        references task_definition (family, revision)
);

-- One placement of a task definition revision on a container instance.
create table task (
    id                    uuid         primary key,
    cluster               varchar(255) not null references cluster (name),
    service_id            uuid         references service (id) on delete set null,
    service_name          varchar(255),
    task_family           varchar(255) not null,
    task_revision         integer      not null,
    container_instance_id uuid         references container_instance (id),
    desired_status        varchar(16)  not null,         -- RUNNING | STOPPED
    last_status           varchar(16)  not null,         -- PROVISIONING | PENDING | RUNNING | STOPPED
    started_by            varchar(255),
    stopped_reason        text,
    stop_code             varchar(64),
    reserved_cpu          integer      not null,
    reserved_memory       integer      not null,
    created_at            timestamptz  not null,
    started_at            timestamptz,
    stopping_at           timestamptz,
    stopped_at            timestamptz,
    updated_at            timestamptz  not null,
    version               bigint       not null default 0,
    constraint task_definition_fk foreign key (task_family, task_revision)
        references task_definition (family, revision)
);
create index task_service_idx on task (service_id, desired_status);
create index task_cluster_idx on task (cluster, last_status);
create index task_instance_idx on task (container_instance_id) where last_status <> 'STOPPED';

create table task_container (
    task_id     uuid         not null references task (id) on delete cascade,
    name        varchar(255) not null,
    docker_id   varchar(128),
    last_status varchar(16)  not null,                    -- PENDING | RUNNING | STOPPED
    health      varchar(16)  not null default 'UNKNOWN',  -- UNKNOWN | HEALTHY | UNHEALTHY
    exit_code   integer,
    reason      text,
    host_ports  text         not null default '[]',       -- JSON [{containerPort, hostPort, protocol}]
    primary key (task_id, name)
);

-- Recent events of a service, newest last; trimmed by the application.
create table service_event (
    id          bigserial    primary key,
    service_id  uuid         not null references service (id) on delete cascade,
    created_at  timestamptz  not null,
    message     text         not null
);
create index service_event_service_idx on service_event (service_id, id);
