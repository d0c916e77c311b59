-- Host ports no task gets on the instance, as ECS's ECS_RESERVED_PORTS: "22/tcp,2375/tcp" ('' for none).
-- Null: the default set (ssh and the Docker engine's listeners), so that a change of the default reaches every
-- instance that never chose its own.
alter table container_instance add column reserved_ports varchar(4096);
