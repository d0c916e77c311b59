package io.berth.app.instances;

import io.berth.app.BerthProperties;
import io.berth.app.manifest.ContainerInstanceDocument.InlineTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class InlineCertificatesTest {

    @TempDir
    Path dataDir;

    private InlineCertificates certificates() {
        return new InlineCertificates(new BerthProperties(dataDir));
    }

    @Test
    void instancesWhoseClusterAndNameJoinAlikeGetTheirOwnFiles() throws IOException {
        // cluster "a_b" + name "c" and cluster "a" + name "b_c" once shared <data-dir>/tls/a_b_c.
        InlineCertificates certificates = certificates();
        Path first = certificates.write(new InlineTls("cert of a_b/c", "key of a_b/c", "ca of a_b/c"));
        Path second = certificates.write(new InlineTls("cert of a/b_c", "key of a/b_c", "ca of a/b_c"));

        assertThat(first).isNotEqualTo(second);
        assertThat(first.getParent()).isEqualTo(dataDir.resolve("tls").resolve("inline"));
        assertThat(first.getFileName().toString()).doesNotContain("a_b").doesNotContain("b_c");
        assertThat(Files.readString(first.resolve("key.pem"))).isEqualTo("key of a_b/c");
        assertThat(Files.readString(second.resolve("key.pem"))).isEqualTo("key of a/b_c");
    }

    @Test
    void theSameTextIsFoundAgainAndAnUnusedSetIsRemoved() throws IOException {
        InlineCertificates certificates = certificates();
        InlineTls tls = new InlineTls("c", "k", "a");
        Path dir = certificates.write(tls);

        assertThat(certificates.existing(dir.toString(), tls)).contains(dir.toString());
        assertThat(certificates.existing(dir.toString(), new InlineTls("c", "other", "a"))).isEmpty();
        assertThat(certificates.existing("/etc/berth/tls/h1", tls)).isEmpty();

        certificates.discard(dir.toString());
        assertThat(dir).doesNotExist();
    }

    @Test
    void aFolderThatIsNotOneOfOursIsNeverRemoved(@TempDir Path operators) throws IOException {
        Path cert = Files.writeString(operators.resolve("cert.pem"), "x");

        certificates().discard(operators.toString());

        assertThat(cert).exists();
    }
}
