package io.berth.app.manifest;

import io.berth.reconciler.model.ScheduledScalingAction;
import io.berth.reconciler.model.ServiceSpec;
import io.berth.reconciler.store.ServiceSpecJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** A Service manifest's autoScaling.scheduled [...]: what it reads, how it is stored, every rule naming its field. */
class ScheduledActionManifestTest {

    private static final String AS = "documents[0].spec.autoScaling.scheduled";
    private final ManifestParser parser = new ManifestParser();

    private static String service(String scheduled) {
        return """
                apiVersion: berth/v1
                kind: Service
                metadata: {name: web}
                spec:
                  taskDefinition: web
                  desiredCount: 4
                  autoScaling:
                    minCount: 2
                    maxCount: 10
                    scheduled:
                """ + scheduled;
    }

    private ServiceSpec parse(String yaml) {
        return ((ServiceDocument) parser.parse(yaml, ManifestFormat.YAML).documentsOrThrow().getFirst()).spec();
    }

    @Test
    void readsEveryFormAndStoresItRoundTrip() {
        ServiceSpec spec = parse(service("""
                      - {name: scaledown-after-hours, schedule: "0 19 * * MON-FRI", timezone: Europe/Berlin, minCount: 0, maxCount: 0}
                      - {name: morning, schedule: "cron(0 7 ? * MON-FRI *)", timezone: Europe/Berlin, minCount: 2, maxCount: 10}
                      - {name: cap, schedule: "rate(30 seconds)", maxCount: 3}
                """));

        assertThat(spec.autoScaling().scheduled()).containsExactly(
                new ScheduledScalingAction("scaledown-after-hours", "0 19 * * MON-FRI", "Europe/Berlin", 0, 0),
                new ScheduledScalingAction("morning", "cron(0 7 ? * MON-FRI *)", "Europe/Berlin", 2, 10),
                new ScheduledScalingAction("cap", "rate(30 seconds)", null, null, 3));
        ServiceSpecJson json = new ServiceSpecJson();
        assertThat(json.fromJson(json.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void theExampleScalesToZeroAfterHours() throws java.io.IOException {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "autoscaling.yaml"));
        ServiceSpec spec = parser.parse(yaml, ManifestFormat.YAML).documentsOrThrow().stream()
                .filter(ServiceDocument.class::isInstance).map(d -> ((ServiceDocument) d).spec()).findFirst()
                .orElseThrow();

        assertThat(spec.autoScaling().scheduled()).extracting(ScheduledScalingAction::name)
                .containsExactly("scaledown-after-hours", "business-hours");
    }

    @Test
    void aSpecWithoutScheduledActionsIsStoredAsBefore() {
        ServiceSpec spec = parse(service("").replace("    scheduled:\n", ""));

        assertThat(new ServiceSpecJson().toJson(spec)).doesNotContain("scheduled");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                argumentSet("unknown schedule syntax", "      - {name: a, schedule: every day, minCount: 1}\n",
                        AS + "[0].schedule", "fields"),
                argumentSet("bad cron field", "      - {name: a, schedule: \"0 25 * * *\", minCount: 1}\n",
                        AS + "[0].schedule", "not a valid cron expression"),
                argumentSet("no schedule", "      - {name: a, minCount: 1}\n", AS + "[0].schedule", "is required"),
                argumentSet("min above max", "      - {name: a, schedule: rate(1 hour), minCount: 5, maxCount: 2}\n",
                        AS + "[0].maxCount", "must be >= minCount (5), got 2"),
                argumentSet("negative min", "      - {name: a, schedule: rate(1 hour), minCount: -1}\n",
                        AS + "[0].minCount", "must be between 0 and 1000"),
                argumentSet("neither min nor max", "      - {name: a, schedule: rate(1 hour)}\n",
                        AS + "[0].minCount", "or maxCount"),
                argumentSet("duplicate names", "      - {name: a, schedule: rate(1 hour), minCount: 1}\n"
                        + "      - {name: a, schedule: rate(2 hours), minCount: 2}\n", AS + "[1].name",
                        "duplicates the name"),
                argumentSet("bad name", "      - {name: \"night shift\", schedule: rate(1 hour), minCount: 1}\n",
                        AS + "[0].name", "letters, digits"),
                argumentSet("bad timezone", "      - {name: a, schedule: \"0 19 * * *\", timezone: Mars/Olympus, "
                        + "minCount: 1}\n", AS + "[0].timezone", "not a known IANA time zone"),
                argumentSet("unknown field", "      - {name: a, schedule: rate(1 hour), minCount: 1, desired: 3}\n",
                        AS + "[0].desired", "unknown field"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidActionsNameTheirField(String scheduled, String path, String message) {
        ValidationResult result = parser.parse(service(scheduled), ManifestFormat.YAML).validation();

        assertThat(result.errors()).extracting(FieldError::path).containsExactly(path);
        assertThat(result.errors().getFirst().message()).contains(message);
    }
}
