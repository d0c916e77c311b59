package io.berth.app.api;

import io.berth.app.api.dto.CredentialRequest;
import io.berth.app.api.dto.CredentialView;
import io.berth.app.manifest.Names;
import io.berth.db.crypto.StoredPasswords;
import io.berth.db.model.RegistryCredentialEntity;
import io.berth.db.repository.RegistryCredentialRepository;
import io.berth.reconciler.desiredstate.DesiredStateWrites;
import io.berth.reconciler.desiredstate.StoredCredential;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Stored private-registry logins. Passwords go in and are used for pulls; they never come out of the API, and are
 * stored encrypted (AES-256-GCM, {@link StoredPasswords}).
 */
@Service
@Transactional
public class RegistryCredentials {

    private final RegistryCredentialRepository credentials;
    private final StoredPasswords passwords;
    private final DesiredStateWrites writes;

    public RegistryCredentials(RegistryCredentialRepository credentials, StoredPasswords passwords,
                               DesiredStateWrites writes) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.writes = writes;
    }

    /** Creates or replaces {@code request.name()}; returns whether it was new. */
    public Saved save(CredentialRequest request) {
        if (!Names.isValid(request.name())) {
            throw new InvalidFieldException("name", "must be 1-255 letters, digits, '-' or '_', starting with a "
                    + "letter or digit, got \"" + request.name() + "\"");
        }
        if (request.username() == null || request.username().isBlank()) {
            throw new InvalidFieldException("username", "is required");
        }
        if (request.password() == null || request.password().isEmpty()) {
            throw new InvalidFieldException("password", "is required");
        }
        String server = request.serverAddress() == null || request.serverAddress().isBlank()
                ? null : request.serverAddress().trim();
        // Encrypted on every write: a legacy plain row (before V9_1) loses its plain password here.
        boolean created = writes.saveRegistryCredential(new StoredCredential(request.name(), server,
                request.username(), passwords.encrypt(request.name(), request.password())));
        return new Saved(view(credentials.findById(request.name()).orElseThrow()), created);
    }

    @Transactional(readOnly = true)
    /** Credentials by name, a page at a time. */
    Page<CredentialView> page(PageRequest request) {
        String after = request.afterName();
        List<RegistryCredentialEntity> rows = after == null ? credentials.findAllByOrderByName(request.probe())
                : credentials.findByNameGreaterThanOrderByName(after, request.probe());
        return Page.of(rows, request.limit(), RegistryCredentials::view, c -> ContinueToken.encodeName(c.getName()));
    }

    @Transactional(readOnly = true)
    public CredentialView get(String name) {
        return credentials.findById(name).map(RegistryCredentials::view).orElseThrow(() -> notFound(name));
    }

    public void delete(String name) {
        if (!writes.deleteRegistryCredential(name)) {
            throw notFound(name);
        }
    }

    private static org.springframework.web.server.ResponseStatusException notFound(String name) {
        return ApiErrors.notFound("credential \"" + name + "\" not found");
    }

    private static CredentialView view(RegistryCredentialEntity e) {
        return new CredentialView(e.getName(), e.getServerAddress(), e.getUsername(), e.getCreatedAt(), e.getUpdatedAt());
    }

    public record Saved(CredentialView view, boolean created) {
    }
}
