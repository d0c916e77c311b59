package io.berth.docker;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The tar stream the engine extracts: one regular file with the path, mode and owner asked for. */
class FileArchiveTest {

    @Test
    void oneFileWithItsModeAndOwner() throws IOException {
        byte[] tar = FileArchive.single("run/secrets/db/password", "s3cret".getBytes(StandardCharsets.UTF_8), 0400, 1000, 2000);
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("run/secrets/db/password");
            assertThat(entry.isFile()).isTrue();
            assertThat(entry.getMode() & 07777).isEqualTo(0400);
            assertThat(entry.getLongUserId()).isEqualTo(1000);
            assertThat(entry.getLongGroupId()).isEqualTo(2000);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("s3cret");
            assertThat(in.getNextEntry()).isNull();
        }
    }

    @Test
    void theDefaultIsRootOwnedAndReadableByAll() throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(
                FileArchive.single("haproxy.cfg", new byte[]{1})))) {
            TarArchiveEntry entry = in.getNextEntry();
            assertThat(entry.getMode() & 07777).isEqualTo(0644);
            assertThat(entry.getLongUserId()).isZero();
        }
    }
}
