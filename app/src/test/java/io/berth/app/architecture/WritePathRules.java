package io.berth.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import io.berth.reconciler.loop.WorkQueue;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.repository.Repository;

import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The write path of desired state: the API, manifests, the watch feed, the web pages and the CLI write only through
 * {@link io.berth.reconciler.desiredstate.DesiredStateWrites} and wake the loop only through
 * {@link io.berth.reconciler.loop.ReconcileTrigger}.
 */
final class WritePathRules {

    static final String[] FRONT_PACKAGES = {"io.berth.app.api..", "io.berth.app.instances..",
            "io.berth.app.manifest..", "io.berth.app.watch..", "io.berth.app.web..", "io.berth.app.wakeups..", "io.berth.cli.."};

    /** save, saveAll, saveAndFlush, delete*, insert*, update*, flush, remove*: what a Spring Data repository writes with. */
    private static final Pattern WRITE_METHOD = Pattern.compile("(save|delete|insert|update|flush|remove).*");

    static final ArchRule NO_REPOSITORY_WRITES = noClasses().that().resideInAnyPackage(FRONT_PACKAGES)
            .should().callMethodWhere(repositoryWrite())
            .because("desired state is written through DesiredStateWrites, where each write's rules live once");

    static final ArchRule NO_WORK_QUEUE = noClasses().that().resideInAnyPackage(FRONT_PACKAGES)
            .should().dependOnClassesThat().belongToAnyOf(WorkQueue.class)
            .because("every wake-up of the control loop goes through ReconcileTrigger");

    private WritePathRules() {
    }

    /**
     * A write method of a Spring Data repository: by its name, or any {@code @Modifying} query. A repository is known
     * by its type where the class is imported, and by the package of Berth's repositories where it is not (rules
     * import only the packages they judge, so the db module's classes are not resolved).
     */
    private static DescribedPredicate<JavaMethodCall> repositoryWrite() {
        return DescribedPredicate.describe("a write method of a Spring Data repository", call ->
                (call.getTargetOwner().isAssignableTo(Repository.class)
                        || call.getTargetOwner().getPackageName().startsWith("io.berth.db.repository"))
                        && (WRITE_METHOD.matcher(call.getName()).matches()
                        || call.getTarget().resolveMember().map(m -> m.isAnnotatedWith(Modifying.class)).orElse(false)));
    }
}
