package io.berth.app.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every main package of every module (db, docker-adapter, reconciler, app, the benchmarks) says in its
 * package-info.java what it holds. Walks the whole checkout, so a new module is covered without a test of its own.
 */
class PackageInfoTest {

    /** Surefire runs in the module's directory; the modules are beside it, the benchmarks one level further down. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<Path> sources = mainSourceRoots();
        assertThat(sources).as("main source folders under " + ROOT)
                .contains(ROOT.resolve("app/src/main/java"), ROOT.resolve("reconciler/src/main/java"),
                        ROOT.resolve("db/src/main/java"), ROOT.resolve("docker-adapter/src/main/java"));
        List<Path> without = sources.stream().flatMap(PackageInfoTest::packagesWithoutInfo).toList();
        assertThat(without).as("packages without a package-info.java").isEmpty();
    }

    private static List<Path> mainSourceRoots() throws IOException {
        try (Stream<Path> dirs = Files.walk(ROOT, 5)) {
            return dirs.filter(d -> d.endsWith(Path.of("src/main/java")) && Files.isDirectory(d))
                    .filter(d -> !d.toString().contains("/target/") && !d.toString().contains("/node_modules/"))
                    .toList();
        }
    }

    private static Stream<Path> packagesWithoutInfo(Path sources) {
        try (Stream<Path> dirs = Files.walk(sources)) {
            return dirs.filter(Files::isDirectory).filter(PackageInfoTest::hasJavaFiles)
                    .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
                    .map(ROOT::relativize).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasJavaFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
