-- API tokens: only the SHA-256 of each secret is kept; the secret is shown once, when the token is created.
-- A revoked token keeps its row (revoked_at) so that using it is answered "revoked", not "unknown".
CREATE TABLE api_token (
    name         text        PRIMARY KEY,
    token_hash   bytea       NOT NULL UNIQUE,
    role         text        NOT NULL,
    clusters     text[]      NOT NULL DEFAULT '{}',
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Custom roles (kind: Role), applied through /v1/apply; the built-in roles live in code.
CREATE TABLE access_role (
    name       text        PRIMARY KEY,
    rules      jsonb       NOT NULL,
    labels     jsonb       NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
