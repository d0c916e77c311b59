package io.berth.reconciler.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler's architecture, held by tests: the core decides on Berth's own types only, JPA stays in the store's
 * JPA edge, docker-java stays in docker-adapter, and no two packages depend on each other.
 */
class ArchitectureRulesTest {

    /** The planners, the scheduler, the rollout arithmetic and the model they share: pure, testable without I/O. */
    static final String[] CORE = {"io.berth.reconciler.plan..", "io.berth.reconciler.scheduler..",
            "io.berth.reconciler.model..", "io.berth.reconciler.policy..", "io.berth.reconciler.traffic..",
            "io.berth.reconciler.schedule..", "io.berth.reconciler.autoscaling..", "io.berth.reconciler.metrics.."};

    /** Every package (subpackages too) is a slice: a cycle between any two is one concern split in the wrong place. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.berth.reconciler.(**)")
            .should().beFreeOfCycles();

    static final ArchRule CORE_IS_PURE = pure(CORE);

    /**
     * The JPA store stays a package, not a module of its own: this rule holds the line a module boundary would. Spring
     * as a whole is in it because nothing else in the reconciler uses Spring (the app wires the loop).
     */
    static final ArchRule PERSISTENCE_ONLY_IN_THE_JPA_STORE = noClasses().that()
            .resideInAPackage("io.berth.reconciler..")
            .and().resideOutsideOfPackage("io.berth.reconciler.store.jpa..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta.persistence..", "org.hibernate..", "org.springframework..", "io.berth.db..",
                    "java.sql..", "javax.sql..")
            .because("the JPA store is the one place that maps rows to Berth's records");

    static final ArchRule NO_DOCKER_JAVA = noClasses().that().resideInAPackage("io.berth.reconciler..")
            .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
            .because("docker-adapter is the only code that speaks Docker");

    /** Spring, JPA, the database module and the engine client are edges; the given packages use none of them. */
    static ArchRule pure(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "org.hibernate..", "io.berth.db..",
                        "com.github.dockerjava..", "io.berth.docker..")
                .because("planners are pure functions of Berth's own records; the passes map engine and database "
                        + "state to them at the edges");
    }

    static final String VIOLATIONS = "io.berth.reconciler.architecture.violations";

    /** Main classes only: test fixtures (and the deliberate violations) are not the architecture. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.berth.reconciler");

    @Test
    void noCyclesBetweenPackages() {
        NO_PACKAGE_CYCLES.check(MAIN);
    }

    @Test
    void theCoreDependsOnBerthsOwnTypesOnly() {
        CORE_IS_PURE.check(MAIN);
    }

    @Test
    void persistenceIsUsedOnlyInTheJpaStore() {
        PERSISTENCE_ONLY_IN_THE_JPA_STORE.check(MAIN);
    }

    @Test
    void onlyDockerAdapterSpeaksDockerJava() {
        NO_DOCKER_JAVA.check(MAIN);
    }

    /** Each rule, evaluated on classes that break it on purpose (test sources, outside {@link #MAIN}), objects. */
    @Test
    void theRulesCatchViolations() {
        JavaClasses violations = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(VIOLATIONS);
        assertThat(NO_PACKAGE_CYCLES.evaluate(violations).hasViolation()).isTrue();
        assertThat(PERSISTENCE_ONLY_IN_THE_JPA_STORE.evaluate(violations).hasViolation()).isTrue();
        assertThat(NO_DOCKER_JAVA.evaluate(violations).hasViolation()).isTrue();
        assertThat(pure(VIOLATIONS + "..").evaluate(violations).hasViolation()).isTrue();
    }

    @Test
    void theCoreRuleNamesWhatBrokeIt() {
        JavaClasses violations = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(VIOLATIONS);
        assertThat(pure(VIOLATIONS + "..").evaluate(violations).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("ReadsEngineState") && line.contains("io.berth.docker.ContainerState"));
    }
}
