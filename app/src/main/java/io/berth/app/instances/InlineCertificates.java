package io.berth.app.instances;

import io.berth.app.BerthProperties;
import io.berth.app.PrivateDirectory;
import io.berth.app.manifest.ContainerInstanceDocument.InlineTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Inline PEM text of ContainerInstance documents, as the files the engine client reads: each set in its own new
 * folder {@code <data-dir>/tls/inline/<random id>/}, readable by Berth only. Folders are never named after user
 * input (cluster "a_b" + name "c" and "a" + "b_c" would be one folder) and never rewritten: an apply writes a new
 * set, which the instance's row points to only once the apply commits, so a failed apply or a dry run cannot touch
 * the files a live instance uses; the set it replaces is removed after the commit. Sets written by earlier versions under {@code <data-dir>/tls/<cluster>_<name>/}
 * are left where they are; applying the instance again moves it to the new layout.
 */
@Component
public class InlineCertificates {

    private static final Logger log = LoggerFactory.getLogger(InlineCertificates.class);

    private final Path root;

    public InlineCertificates(BerthProperties berth) {
        this.root = berth.dataDir().resolve("tls").resolve("inline");
    }

    /** Writes the three files into a new folder; returns the folder. */
    public Path write(InlineTls tls) throws IOException {
        Path dir = PrivateDirectory.ensure(PrivateDirectory.ensure(root).resolve(UUID.randomUUID().toString()));
        Files.writeString(dir.resolve("cert.pem"), tls.cert(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("key.pem"), tls.key(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ca.pem"), tls.ca(), StandardCharsets.UTF_8);
        return dir;
    }

    /** {@code storedPath} when it is a set of ours holding exactly this PEM text (applying it again changes nothing). */
    public Optional<String> existing(String storedPath, InlineTls tls) {
        if (storedPath == null || !isOurs(storedPath)) {
            return Optional.empty();
        }
        Path dir = Path.of(storedPath);
        try {
            boolean same = tls.cert().equals(Files.readString(dir.resolve("cert.pem"), StandardCharsets.UTF_8))
                    && tls.key().equals(Files.readString(dir.resolve("key.pem"), StandardCharsets.UTF_8))
                    && tls.ca().equals(Files.readString(dir.resolve("ca.pem"), StandardCharsets.UTF_8));
            return same ? Optional.of(storedPath) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes a set written by {@link #write} that no row points to (a failed or unchanged apply, or the set an
     * instance used before an apply that committed another); anything else, null included, is left alone.
     */
    public void discard(String path) {
        if (path == null || !isOurs(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(Path.of(path))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("Could not remove unused certificate folder {}: {}", path, e.toString());
        }
    }

    private boolean isOurs(String path) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        return p.getParent() != null && p.getParent().equals(root.toAbsolutePath().normalize());
    }
}
