package io.berth.app.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class AdminTokenStoreTest {

    @TempDir
    Path dataDir;

    private final AdminTokenStore store = new AdminTokenStore(new SecureRandom());

    private Path tokenFile() {
        return dataDir.resolve("admin-token");
    }

    @Test
    void prefersTheConfiguredToken() {
        assertThat(store.resolve(" configured-token-of-32-characters ", dataDir))
                .isEqualTo("configured-token-of-32-characters");
        assertThat(tokenFile()).doesNotExist();
    }

    @Test
    void refusesAConfiguredTokenShorterThan32Characters() {
        assertThatThrownBy(() -> store.resolve(" " + "x".repeat(31) + " ", dataDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("berth.security.admin-token (BERTH_SECURITY_ADMIN_TOKEN) must be at least 32 "
                        + "characters long, not 31")
                .hasMessageNotContaining("xxxx");
        assertThat(store.resolve("x".repeat(32), dataDir)).hasSize(32);
        assertThat(tokenFile()).doesNotExist();
    }

    @Test
    void generatesAPrivateTokenFileAndReusesIt(CapturedOutput output) throws Exception {
        Path nested = dataDir.resolve("not/yet/there");
        String first = store.resolve(null, nested);

        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        Path file = nested.resolve("admin-token");
        assertThat(Files.readString(file).strip()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(store.resolve("  ", nested)).isEqualTo(first);
        assertThat(output).contains(file.toAbsolutePath().toString()).doesNotContain(first);
    }

    @Test
    void regeneratesAnEmptyFile() throws Exception {
        Files.writeString(tokenFile(), "\n");

        String token = store.resolve(null, dataDir);

        assertThat(token).isNotBlank();
        assertThat(Files.readString(tokenFile()).strip()).isEqualTo(token);
    }

    @Test
    void restrictsAFileOthersCanRead() throws Exception {
        Files.writeString(tokenFile(), "existing-token\n");
        Files.setPosixFilePermissions(tokenFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(store.resolve(null, dataDir)).isEqualTo("existing-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile()))).isEqualTo("rw-------");
    }
}
