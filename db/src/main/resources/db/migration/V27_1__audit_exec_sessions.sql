-- Exec sessions in the audit trail: one row per session, written when it ends. What ran and how it ended, never
-- what was typed or printed (keystrokes carry passwords, output carries secrets).
alter table audit_event
    add column exec_command     text,        -- the command and its arguments as a JSON array of strings
    add column exec_started_at  timestamptz,
    add column exec_duration_ms bigint,
    add column exec_exit_code   integer,     -- null when the session ended before the command did
    add column exec_end         text;        -- why it ended when not by the command's exit: closed, idle limit 15m...
