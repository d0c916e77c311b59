-- The identity of this Berth installation (this database). Every container Berth creates carries it as a
-- label, so that two Berths sharing a Docker engine never take each other's containers for orphans.
create table installation (
    id          uuid         primary key,
    created_at  timestamptz  not null default now(),
    singleton   boolean      not null default true unique check (singleton)
);
insert into installation (id) values (gen_random_uuid());
