-- Per scheduled scaling action of the service (autoScaling.scheduled), by name: when Berth first saw it and the latest
-- firing it applied, as JSON {"name": {"armedAt": ..., "firedAt": ...}}. In the service row so that a firing's
-- count change, its state and its event commit together; a new leader reads it and neither fires twice nor forgets
-- the range the last firing set.
alter table service add column scheduled_actions text;
