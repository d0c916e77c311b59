package io.berth.db.repository;

import org.springframework.data.domain.Limit;

import java.util.List;

import io.berth.db.model.RegistryCredentialEntity;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RegistryCredentialRepository extends JpaRepository<RegistryCredentialEntity, String> {

    /** Keyset pages by name: the first page, then the names after the previous page's last. */
    List<RegistryCredentialEntity> findAllByOrderByName(Limit limit);

    List<RegistryCredentialEntity> findByNameGreaterThanOrderByName(String name, Limit limit);
}
