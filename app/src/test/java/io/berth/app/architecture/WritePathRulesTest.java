package io.berth.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.berth.app.api.violations.SavesThroughARepository;
import io.berth.app.api.violations.WakesTheLoopThroughItsQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The product's classes keep to {@link WritePathRules}; and the rules do report a class that breaks them. */
class WritePathRulesTest {

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.berth.app", "io.berth.cli", REPOSITORIES);
    }

    /** Imported beside what is judged, so that a repository's {@code @Modifying} queries are known as writes. */
    private static final String REPOSITORIES = "io.berth.db.repository";

    @Test
    void theApiAndItsNeighboursWriteNoRepository() {
        WritePathRules.NO_REPOSITORY_WRITES.check(product);
    }

    @Test
    void theApiAndItsNeighboursWakeTheLoopOnlyThroughReconcileTrigger() {
        WritePathRules.NO_WORK_QUEUE.check(product);
    }

    @Test
    void aRepositorySaveInTheApiIsReported() {
        JavaClasses violating = new ClassFileImporter()
                .importPackages(SavesThroughARepository.class.getPackageName(), REPOSITORIES);

        var result = WritePathRules.NO_REPOSITORY_WRITES.evaluate(violating);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
                .contains("SavesThroughARepository").contains("ServiceEventRepository.save"));
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
                .contains("ContainerInstanceRepository.invalidatePlacements"));
    }

    @Test
    void aWorkQueueInTheApiIsReported() {
        JavaClasses violating = new ClassFileImporter().importClasses(WakesTheLoopThroughItsQueue.class);

        assertThat(WritePathRules.NO_WORK_QUEUE.evaluate(violating).hasViolation()).isTrue();
    }
}
