-- Scheduled tasks (kind: ScheduledTask), per cluster. The spec is the canonical JSON of the manifest's spec (compared
-- on re-apply, so an unchanged apply writes nothing). last_fire_at is the latest firing time handled; firings is the
-- bounded history (JSON list) the firing pass keeps: written as intent (PENDING) before the firing's tasks start.
create table scheduled_task (
    id            uuid primary key,
    cluster       text not null references cluster (name),
    name          text not null,
    spec          text not null,
    labels        text not null default '{}',
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    last_fire_at  timestamptz,
    firings       text not null default '[]',
    version       bigint not null default 0,
    unique (cluster, name)
);
