-- The endpoints of each service last shown on the change log (kind 'endpoints'): a digest of the healthy tasks,
-- their addresses and ports. The application recomputes a service's endpoints after each change of its tasks,
-- its cluster's instances or itself, and logs a change only when the digest moved. Locking this row while it
-- compares makes two Berths on one database log a change once, and never an older state after a newer one.
create table service_endpoints (
    service_id uuid         primary key references service (id) on delete cascade,
    digest     varchar(64)  not null,
    updated_at timestamptz  not null default now()
);
