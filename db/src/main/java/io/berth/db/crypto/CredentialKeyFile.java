package io.berth.db.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The credential key when none is configured: {@code <data-dir>/credentials.key}, 32 random bytes in base64,
 * generated once (mode 0600) and read at every start. Losing it makes the stored passwords unreadable (they must be
 * stored again), so it belongs in the data directory's backup, apart from the database's.
 */
public final class CredentialKeyFile {

    public static final String FILE_NAME = "credentials.key";

    private CredentialKeyFile() {
    }

    public static CredentialCipher loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.UTF_8);
            try {
                // A hard link fails when the name exists (a rename would replace it): of two Berth processes
                // starting at once, the first key written wins and both use it.
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException raced) {
                // the other process's key stays
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IllegalStateException(file + " is readable by other users (" + PosixFilePermissions.toString(mode)
                    + "); chmod 600 it");
        }
        return CredentialCipher.fromBase64(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }
}
