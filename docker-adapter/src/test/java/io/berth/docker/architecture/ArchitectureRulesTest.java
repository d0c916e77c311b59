package io.berth.docker.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-adapter's architecture, held by tests: it is the only code that speaks docker-java, and it keeps
 * docker-java behind its own types, so that no caller ever needs the engine client's classes.
 */
class ArchitectureRulesTest {

    static final DescribedPredicate<JavaClass> DOCKER_JAVA = resideInAPackage("com.github.dockerjava..");

    /** One package today: the slices start at io.berth so that the rule checks something and holds once there are more. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.berth.(**)").should().beFreeOfCycles();

    /** Public methods and constructors of public classes: what another module can call. */
    static final ArchRule DOCKER_JAVA_STAYS_INSIDE = codeUnits().that().arePublic()
            .and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideInAPackage("io.berth.docker..")
            .should(new ArchCondition<JavaCodeUnit>("take and return no docker-java type") {
                @Override
                public void check(JavaCodeUnit unit, ConditionEvents events) {
                    Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
                            .filter(DOCKER_JAVA)
                            .forEach(type -> events.add(SimpleConditionEvent.violated(unit,
                                    unit.getFullName() + " exposes " + type.getName())));
                }
            })
            .because("callers use the adapter's own records (ContainerSpec, ContainerState, ...), not docker-java's");

    static final ArchRule KNOWS_NOTHING_OF_BERTH = noClasses().that().resideInAPackage("io.berth.docker..")
            .should().dependOnClassesThat().resideInAnyPackage("io.berth.reconciler..", "io.berth.db..", "io.berth.app..")
            .because("the adapter speaks Docker and knows nothing of services or tasks");

    /** Main classes only: test fixtures (and the deliberate violations) are not the architecture. */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.berth.docker");

    @Test
    void noCyclesBetweenPackages() {
        NO_PACKAGE_CYCLES.check(MAIN);
    }

    @Test
    void dockerJavaStaysBehindTheAdaptersOwnTypes() {
        DOCKER_JAVA_STAYS_INSIDE.check(MAIN);
    }

    @Test
    void knowsNothingOfServicesOrTasks() {
        KNOWS_NOTHING_OF_BERTH.check(MAIN);
    }

    @Test
    void theRulesCatchViolations() {
        JavaClasses violations = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages("io.berth.docker.architecture.violations");
        assertThat(NO_PACKAGE_CYCLES.evaluate(violations).hasViolation()).isTrue();
        assertThat(DOCKER_JAVA_STAYS_INSIDE.evaluate(violations).hasViolation()).isTrue();
    }
}
