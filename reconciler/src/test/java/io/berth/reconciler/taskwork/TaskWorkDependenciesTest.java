package io.berth.reconciler.taskwork;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class TaskWorkDependenciesTest {

    private static final JavaClasses TASK_WORK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.berth.reconciler.taskwork");

    /** The passes use the task actions, never the other way round: each pass brings its own concurrency and records. */
    @Test
    void theTaskActionsKnowNoPassAndNoLoop() {
        noClasses().that().resideInAPackage("io.berth.reconciler.taskwork..")
                .should().dependOnClassesThat().resideInAnyPackage("io.berth.reconciler.pass..", "io.berth.reconciler.loop..")
                .check(TASK_WORK);
    }
}
