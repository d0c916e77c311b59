-- Registry credential passwords encrypted at rest (AES-256-GCM, see io.berth.db.crypto.CredentialCipher): the
-- ciphertext goes in password_encrypted. Rows stored before this version keep their plain password (readable), and
-- Berth re-encrypts them at start and on every write, which clears the plain column.
alter table registry_credential alter column password drop not null;
alter table registry_credential add column password_encrypted text;
alter table registry_credential add constraint registry_credential_password_present
    check (password is not null or password_encrypted is not null);
