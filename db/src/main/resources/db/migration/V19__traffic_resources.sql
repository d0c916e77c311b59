-- Target groups and load balancers (kind TARGET_GROUP or LOAD_BALANCER), per cluster. The spec is the canonical
-- JSON of the manifest's spec (compared on re-apply, so an unchanged apply writes nothing).
create table traffic_resource (
    id          uuid primary key,
    cluster     text not null references cluster (name),
    kind        text not null check (kind in ('TARGET_GROUP', 'LOAD_BALANCER')),
    name        text not null,
    spec        text not null,
    labels      text not null default '{}',
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint not null default 0,
    unique (cluster, kind, name)
);
