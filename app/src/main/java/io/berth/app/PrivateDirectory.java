package io.berth.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Berth's data dir holds the admin token, the database password and PostgreSQL binaries that run with
 * Berth's privileges, so only its owner may enter it (mode 700). Stateless.
 */
public final class PrivateDirectory {

    private static final Logger log = LoggerFactory.getLogger(PrivateDirectory.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDirectory() {
    }

    /** Creates {@code dir} (and parents) if missing and restricts it to its owner. */
    public static Path ensure(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(dir);
        if (!OWNER_ONLY.containsAll(current)) {
            log.info("Restricting {} to its owner (was {})", dir.toAbsolutePath(), PosixFilePermissions.toString(current));
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        return dir;
    }
}
