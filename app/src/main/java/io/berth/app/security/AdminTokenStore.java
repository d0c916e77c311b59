package io.berth.app.security;

import io.berth.app.PrivateDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Decides the admin token: the configured one, else the one in {@code <data-dir>/admin-token}, else a new
 * random one written there (mode 600) so that it survives restarts. Logs where the token lives, never the
 * token itself: logs travel further than files.
 */
public final class AdminTokenStore {

    static final String FILE_NAME = "admin-token";
    private static final Logger log = LoggerFactory.getLogger(AdminTokenStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int TOKEN_BYTES = 32;
    /** 32 characters of a random alphabet are far beyond guessing; a generated token has 43. */
    public static final int MIN_LENGTH = 32;

    private final SecureRandom random;

    public AdminTokenStore(SecureRandom random) {
        this.random = random;
    }

    public String resolve(String configuredToken, Path dataDir) {
        if (configuredToken != null && !configuredToken.isBlank()) {
            String token = configuredToken.strip();
            if (token.length() < MIN_LENGTH) {
                // Refuse to start: a short token on a port that drives Docker is a door left ajar.
                throw new IllegalArgumentException("berth.security.admin-token (BERTH_SECURITY_ADMIN_TOKEN) must be "
                        + "at least " + MIN_LENGTH + " characters long, not " + token.length()
                        + " (e.g. openssl rand -base64 32); leave it empty to have one generated into "
                        + dataDir.resolve(FILE_NAME).toAbsolutePath());
            }
            log.info("Admin token taken from berth.security.admin-token");
            return token;
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            PrivateDirectory.ensure(dataDir);
            if (Files.exists(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!token.isEmpty()) {
                    restrictPermissions(file);
                    log.info("Admin token read from {}", file.toAbsolutePath());
                    return token;
                }
                log.warn("{} is empty; generating a new admin token", file.toAbsolutePath());
            }
            String token = generate();
            write(file, token);
            log.info("Generated a new admin token in {} (read it from there; it is not logged)", file.toAbsolutePath());
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file.toAbsolutePath(), e);
        }
    }

    private String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Written to a private temp file and moved into place, so a crash never leaves a half-written token. */
    private static void write(Path file, String token) throws IOException {
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + temp, e);
        }
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void restrictPermissions(Path file) throws IOException {
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(current)) {
            log.warn("{} was readable by others ({}); restricting it to its owner", file.toAbsolutePath(),
                    PosixFilePermissions.toString(current));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
