-- kind: ContainerInstance manifests name their hosts (metadata.name); hosts registered through the API have none.
alter table container_instance add column name varchar(255);
