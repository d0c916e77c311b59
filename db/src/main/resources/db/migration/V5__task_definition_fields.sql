-- Cluster policy: what task definitions may ask of the cluster's hosts. Default deny.
alter table cluster add column allow_privileged boolean not null default false;
alter table cluster add column allowed_capabilities text not null default '[]'; -- JSON list of capability names
alter table cluster add column allow_host_network boolean not null default false;
alter table cluster add column allow_host_paths boolean not null default false;

-- Private registry logins, named by containerDefinitions[].repositoryCredentials.credentialsParameter.
-- The API never returns the password.
create table registry_credential (
    name           varchar(255)  primary key,
    server_address varchar(1024),
    username       varchar(255)  not null,
    password       text          not null,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    version        bigint        not null default 0
);
