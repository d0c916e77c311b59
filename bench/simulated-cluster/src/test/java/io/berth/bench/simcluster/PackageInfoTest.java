package io.berth.bench.simcluster;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every package of this module says in its package-info.java what it holds. */
class PackageInfoTest {

    /** Surefire runs in the module's directory. */
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<Path> without;
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            without = dirs.filter(Files::isDirectory).filter(PackageInfoTest::hasJavaFiles)
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
                    .map(SOURCES::relativize).toList();
        }
        assertThat(SOURCES).isDirectory();
        assertThat(without).as("packages without a package-info.java").isEmpty();
    }

    private static boolean hasJavaFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
