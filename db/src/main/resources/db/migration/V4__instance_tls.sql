-- Remote Docker hosts: the folder holding the TLS client certificate (ca.pem, cert.pem, key.pem, as
-- DOCKER_CERT_PATH), and whether a plain tcp:// endpoint was explicitly allowed (flagged insecure in the API).
alter table container_instance add column tls_cert_path varchar(1024);
alter table container_instance add column insecure boolean not null default false;
