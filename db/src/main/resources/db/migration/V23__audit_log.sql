-- The audit trail: one row per mutating API request (and per log stream opened), refused ones included. Rows are
-- written once and never changed: the API has no update or delete, and the trigger below refuses an UPDATE from
-- anyone, so a row cannot be rewritten to hide what was done. The only delete is the retention job's, in batches.
create table audit_event (
    id             uuid        primary key,
    occurred_at    timestamptz not null,
    request_id     text        not null,
    caller         text        not null,
    caller_source  text,
    verb           text        not null,
    resource       text        not null,
    kind           text,
    cluster        text,
    name           text,
    subresource    text,
    -- apply: "Kind/name" of each document, one per line; the body itself is never stored (it may carry secrets)
    documents      text,
    body_sha256    text,
    remote_address text,
    status         integer     not null
);

-- Newest first (the list's keyset order), and the retention job's "oldest first".
create index audit_event_time_idx on audit_event (occurred_at desc, id desc);
create index audit_event_caller_idx on audit_event (caller, occurred_at desc);

create function audit_event_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event rows are append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end $$;

create trigger audit_event_no_update before update on audit_event
    for each row execute function audit_event_immutable();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_immutable();
