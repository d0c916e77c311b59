-- When auto scaling last scaled the service out and in: its cooldowns count from these, across a change of leader.
alter table service add column scaled_out_at timestamptz;
alter table service add column scaled_in_at timestamptz;
