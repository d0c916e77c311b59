package io.berth.app.manifest;

import io.berth.reconciler.schedule.Concurrency;
import io.berth.reconciler.schedule.ScheduledTaskSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A ScheduledTask document as read: every field, the defaults, and the documented example. */
class ScheduledTaskManifestTest {

    private final ManifestParser parser = new ManifestParser();

    @Test
    void readsEveryField() {
        ScheduledTaskDocument d = (ScheduledTaskDocument) parser.parse("""
                apiVersion: berth/v1
                kind: ScheduledTask
                metadata: {name: nightly, cluster: prod, labels: {team: data}}
                spec:
                  schedule: " cron(30 2 * * ? *) "
                  timezone: America/Los_Angeles
                  taskDefinition: report:3
                  count: 2
                  overrides: {containerOverrides: [{name: main, command: [echo, hi]}]}
                  placementConstraints: [{type: distinctInstance}]
                  placementStrategy: [{type: spread, field: instanceId}]
                  concurrency: Replace
                  startingDeadline: 90s
                  successfulHistoryLimit: 5
                  failedHistoryLimit: 0
                  suspend: true
                """, ManifestFormat.YAML).documentsOrThrow().getFirst();

        ScheduledTaskSpec s = d.spec();
        assertThat(d.name()).isEqualTo("nightly");
        assertThat(d.cluster()).isEqualTo("prod");
        assertThat(s.schedule()).isEqualTo("cron(30 2 * * ? *)");
        assertThat(s.timezone()).isEqualTo("America/Los_Angeles");
        assertThat(s.taskDefinition()).isEqualTo("report:3");
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.placement().constraints()).hasSize(1);
        assertThat(s.placement().strategies()).hasSize(1);
        assertThat(s.concurrency()).isEqualTo(Concurrency.REPLACE);
        assertThat(s.startingDeadline()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.successfulHistoryLimit()).isEqualTo(5);
        assertThat(s.failedHistoryLimit()).isZero();
        assertThat(s.suspend()).isTrue();
        assertThat(d.overrides().path("containerOverrides").size()).isEqualTo(1);
    }

    @Test
    void defaults() {
        ScheduledTaskDocument d = (ScheduledTaskDocument) parser.parse("""
                apiVersion: berth/v1
                kind: ScheduledTask
                metadata: {name: often}
                spec: {schedule: "rate(1 minute)", taskDefinition: ping}
                """, ManifestFormat.YAML).documentsOrThrow().getFirst();

        assertThat(d.cluster()).isEqualTo("default");
        assertThat(d.spec()).isEqualTo(new ScheduledTaskSpec("rate(1 minute)", null, "ping", 1, null, null,
                Concurrency.ALLOW, null, 3, 1, false));
        assertThat(d.overrides()).isNull();
    }

    @Test
    void theDocumentedExampleReads() throws Exception {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "scheduled-task.yaml"));

        List<ManifestDocument> docs = parser.parse(yaml, ManifestFormat.YAML).documentsOrThrow();

        assertThat(docs).hasSize(3);
        assertThat(docs.subList(1, 3)).allMatch(ScheduledTaskDocument.class::isInstance);
    }

    @Test
    void aDuplicateInOneApplyIsNamed() {
        String one = """
                apiVersion: berth/v1
                kind: ScheduledTask
                metadata: {name: twice}
                spec: {schedule: "* * * * *", taskDefinition: ping}
                """;

        ValidationResult result = parser.parse(one + "---\n" + one, ManifestFormat.YAML).validation();

        assertThat(result.errors()).extracting(FieldError::path).containsExactly("documents[1].metadata.name");
    }
}
