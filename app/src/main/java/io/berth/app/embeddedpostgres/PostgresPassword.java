package io.berth.app.embeddedpostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The superuser password of the embedded PostgreSQL, in {@code <data-dir>/postgres-password} (mode 600).
 *
 * <p>Why a password on a localhost-only server: with zonky's default "trust", any local user could connect
 * as superuser, read task environments (secrets) and run programs as the database's OS user.
 */
record PostgresPassword(Path file, String value) {

    static final String FILE_NAME = "postgres-password";

    /**
     * Reads the password, or creates one before the cluster exists (initdb reads it via {@code --pwfile}).
     *
     * @param clusterExists true when initdb already ran: then the password cannot be re-created
     */
    static PostgresPassword forDataDir(Path berthDataDir, boolean clusterExists) throws IOException {
        Path file = berthDataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!value.isEmpty()) {
                return new PostgresPassword(file, value);
            }
        }
        if (clusterExists) {
            throw new IllegalStateException(file + " is missing or empty but the PostgreSQL cluster in "
                    + berthDataDir.resolve("postgres") + " already exists; restore the file, "
                    + "or move the postgres directory away to start with an empty database");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String value = HexFormat.of().formatHex(random);
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new PostgresPassword(file, value);
    }

    @Override
    public String toString() {
        return "PostgresPassword[" + file + "]"; // never the value: records print their fields
    }
}
