-- Secrets and configs (kind Secret / Config of a manifest): named maps of key -> value, global like task
-- definitions, which reference them by name. A secret's values are encrypted at rest as one AES-256-GCM value
-- (io.berth.db.crypto.StoredSecrets) whose associated data is "secret/<name>"; a config's are stored as plain JSON.
-- The key names are stored in clear in both cases: the API lists them and apply checks references against them.
create table secret (
    kind        text        not null check (kind in ('SECRET', 'CONFIG')),
    name        text        not null,
    version     integer     not null check (version >= 1),
    key_names   text        not null,
    data        text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    row_version bigint      not null default 0,
    primary key (kind, name)
);

-- Which version of each secret and config a task's containers were given at launch (never a value):
-- {"secrets": {"db-credentials": 3}, "configs": {...}}; null for a task that uses none.
alter table task add column secret_versions text;
