package io.berth.db.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The database module's architecture, held by tests. */
class ArchitectureRulesTest {

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.berth.db.(**)").should().beFreeOfCycles();

    static final ArchRule NO_DOCKER = noClasses().that().resideInAPackage("io.berth.db..")
            .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..", "io.berth.docker..")
            .because("docker-adapter is the only code that speaks Docker, and rows know nothing of engines");

    static final ArchRule ENTITIES_DO_NOT_QUERY = noClasses().that().resideInAPackage("io.berth.db.model..")
            .should().dependOnClassesThat().resideInAnyPackage("io.berth.db.repository..", "io.berth.db.tx..")
            .because("entities are mapped rows; reading and writing them is the repositories' concern");

    /** Main classes only: test fixtures (and the deliberate violations) are not the architecture. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.berth.db");

    @Test
    void noCyclesBetweenPackages() {
        NO_PACKAGE_CYCLES.check(MAIN);
    }

    @Test
    void rowsKnowNothingOfDocker() {
        NO_DOCKER.check(MAIN);
    }

    @Test
    void entitiesDoNotDependOnRepositories() {
        ENTITIES_DO_NOT_QUERY.check(MAIN);
    }

    /** docker-java is not on this module's class path, so only the cycle rule gets a deliberate violation. */
    @Test
    void theRulesCatchViolations() {
        JavaClasses violations = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.berth.db.architecture.violations");
        assertThat(NO_PACKAGE_CYCLES.evaluate(violations).hasViolation()).isTrue();
    }
}
