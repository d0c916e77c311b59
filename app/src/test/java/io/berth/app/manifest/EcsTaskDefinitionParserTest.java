package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.HealthCheck;
import io.berth.reconciler.model.PortMapping;
import io.berth.reconciler.model.TaskDefinitionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** ECS register-task-definition bodies, taken as they are. */
class EcsTaskDefinitionParserTest {

    private final EcsTaskDefinitionParser parser = new EcsTaskDefinitionParser();

    /** The ECS tutorial's producer, as the tutorial writes it. */
    static final String PRODUCER = """
            {
              "family": "producer",
              "containerDefinitions": [
                {
                  "name": "producer",
                  "image": "busybox:1.36",
                  "cpu": 50,
                  "memory": 50,
                  "essential": true,
                  "environment": [{"name": "MODE", "value": "producer"}]
                }
              ]
            }
            """;

    @Test
    void tutorialProducerRegistersUnchanged() {
        EcsTaskDefinitionParser.Registration r = parser.parse(PRODUCER);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.document().name()).isEqualTo("producer");
        ContainerDefinition c = r.document().spec().containers().getFirst();
        assertThat(c.cpu()).isEqualTo(50);
        assertThat(c.memory()).isEqualTo(50);
        assertThat(c.essential()).isTrue();
        assertThat(c.environment()).isEqualTo(Map.of("MODE", "producer"));
    }

    @Test
    void fullEcsBodyWithAwsOnlyFieldsIsAcceptedWithAWarningForEach() {
        EcsTaskDefinitionParser.Registration r = parser.parse("""
                {
                  "family": "web",
                  "taskRoleArn": "arn:aws:iam::123456789012:role/web",
                  "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
                  "networkMode": "bridge",
                  "requiresCompatibilities": ["EC2"],
                  "cpu": "0.5 vCPU",
                  "memory": "1 GB",
                  "runtimePlatform": {"operatingSystemFamily": "LINUX", "cpuArchitecture": "X86_64"},
                  "volumes": [],
                  "placementConstraints": [],
                  "tags": [{"key": "team", "value": "web"}],
                  "containerDefinitions": [
                    {
                      "name": "front",
                      "image": "busybox:1.36",
                      "memoryReservation": 64,
                      "portMappings": [{"containerPort": 8080, "hostPort": 0, "protocol": "tcp", "name": "http", "appProtocol": "http"}],
                      "essential": true,
                      "environment": [],
                      "mountPoints": [],
                      "volumesFrom": [],
                      "secrets": [],
                      "stopTimeout": 30,
                      "healthCheck": {"command": ["CMD-SHELL", "true"], "interval": 10, "timeout": 3, "retries": 2, "startPeriod": 5},
                      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web"}}
                    }
                  ]
                }
                """);

        TaskDefinitionSpec spec = r.document().spec();
        assertThat(spec.cpu()).isEqualTo(512);
        assertThat(spec.memory()).isEqualTo(1024);
        assertThat(spec.options().tags()).isEqualTo(Map.of("team", "web"));
        ContainerDefinition front = spec.containers().getFirst();
        assertThat(front.portMappings()).containsExactly(new PortMapping(8080, 0, "tcp"));
        assertThat(front.options().stopTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(front.options().logConfiguration()).isNull();
        assertThat(front.healthCheck()).isEqualTo(new HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(10),
                Duration.ofSeconds(3), 2, Duration.ofSeconds(5)));
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("taskRoleArn: "))
                .anyMatch(w -> w.startsWith("executionRoleArn: "))
                .anyMatch(w -> w.startsWith("runtimePlatform: "))
                .anyMatch(w -> w.startsWith("requiresCompatibilities: "))
                .anyMatch(w -> w.startsWith("containerDefinitions[0].portMappings[0].name: "))
                .anyMatch(w -> w.startsWith("containerDefinitions[0].logConfiguration: log driver \"awslogs\""));
    }

    static Stream<Arguments> refused() {
        String container = "{\"name\": \"c\", \"image\": \"busybox:1.36\", \"memory\": 32%s}";
        String body = "{\"family\": \"f\", \"containerDefinitions\": [" + container + "]%s}";
        return Stream.of(
                arguments(body.formatted("", ", \"networkMode\": \"awsvpc\""), "networkMode", "awsvpc"),
                arguments(body.formatted("", ", \"requiresCompatibilities\": [\"FARGATE\"]"), "requiresCompatibilities", "FARGATE only"),
                arguments(body.formatted("", ", \"runtimePlatform\": {\"operatingSystemFamily\": \"WINDOWS_SERVER_2019_CORE\"}"),
                        "runtimePlatform.operatingSystemFamily", "Linux containers only"),
                arguments(body.formatted(", \"secrets\": [{\"name\": \"DB\", \"valueFrom\": \"arn:aws:ssm:eu-west-1:1:parameter/db\"}]", ""),
                        "containerDefinitions[0].secrets[0].valueFrom", "apply a Berth Secret holding the value"),
                arguments(body.formatted(", \"environmentFiles\": [{\"value\": \"arn:aws:s3:::b/e.env\", \"type\": \"s3\"}]", ""),
                        "containerDefinitions[0].environmentFiles", "S3"),
                arguments(body.formatted("", ", \"ipcMode\": \"host\""), "ipcMode", "not supported"),
                arguments(body.formatted(", \"colour\": \"red\"", ""), "containerDefinitions[0].colour", "unknown field"),
                arguments(body.formatted("", ", \"colour\": \"red\""), "colour", "unknown field"),
                // Found by the API fuzz suite (ApiOverTcpFuzzTest): an empty or blank key was named by an empty or blank path.
                arguments(body.formatted("", ", \"\": 1"), "[\"\"]", "unknown field"),
                arguments(body.formatted(", \" \": 1", ""), "containerDefinitions[0][\" \"]", "unknown field"),
                arguments(body.formatted("", ", \"a.b\\\"\": 1"), "[\"a.b\\\"\"]", "unknown field"),
                arguments(body.formatted("", ", \"cpu\": \"lots\""), "cpu", "must be a whole number or a string like"),
                arguments("{\"containerDefinitions\": [" + container.formatted("") + "]}", "family", "is required"),
                arguments("{\"family\": \"f\"}", "containerDefinitions", "is required"),
                arguments(body.formatted(", \"memory\": 2", "").replace("\"memory\": 32, ", ""), "containerDefinitions[0].memory", ">= 4 MiB"));
    }

    @ParameterizedTest
    @MethodSource
    void refused(String body, String field, String message) {
        ManifestValidationException e = catchThrowableOfType(ManifestValidationException.class, () -> parser.parse(body));

        assertThat(e).as(body).isNotNull();
        assertThat(e.errors()).as(body).anySatisfy(error -> {
            assertThat(error.path()).isEqualTo(field);
            assertThat(error.message()).contains(message);
        });
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsReturned() {
        ManifestValidationException e = catchThrowableOfType(ManifestValidationException.class, () -> parser.parse("""
                {"family": "f", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "a", "image": "i", "essential": false},
                  {"name": "a", "image": "i", "essential": false, "memory": 8, "memoryReservation": 16}]}
                """));

        assertThat(e.errors()).extracting(FieldError::path).containsExactlyInAnyOrder("networkMode",
                "containerDefinitions[1].name", "containerDefinitions[1].memoryReservation", "containerDefinitions");
    }

    @Test
    void notJsonIsASyntaxError() {
        assertThatThrownBy(() -> parser.parse("{\"family\": ")).isInstanceOf(ManifestSyntaxException.class);
    }
}
