package io.berth.db.repository;

import io.berth.db.model.RegistryCredentialEntity;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RegistryCredentialRepository extends JpaRepository<RegistryCredentialEntity, String> {
}
