package io.berth.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The app's architecture, held by tests: no package cycles, and Docker spoken only through docker-adapter. */
class ArchitectureRulesTest {

    /** Every package of the app and the CLI (subpackages too) is a slice. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.berth.(**)").should().beFreeOfCycles();

    static final ArchRule NO_DOCKER_JAVA = noClasses().that().resideInAnyPackage("io.berth.app..", "io.berth.cli..")
            .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
            .because("docker-adapter is the only code that speaks Docker");

    /** Main classes only: test fixtures (and the deliberate violations) are not the architecture. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.berth.app", "io.berth.cli");

    @Test
    void noCyclesBetweenPackages() {
        NO_PACKAGE_CYCLES.check(MAIN);
    }

    @Test
    void onlyDockerAdapterSpeaksDockerJava() {
        NO_DOCKER_JAVA.check(MAIN);
    }

    @Test
    void theRulesCatchViolations() {
        JavaClasses violations = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.berth.app.architecture.violations");
        assertThat(NO_PACKAGE_CYCLES.evaluate(violations).hasViolation()).isTrue();
        assertThat(NO_DOCKER_JAVA.evaluate(violations).hasViolation()).isTrue();
    }
}
