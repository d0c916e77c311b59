package io.berth.app.manifest;

import io.berth.reconciler.model.ContainerDefinition;
import io.berth.reconciler.model.TaskDefinitionSpec;
import io.berth.reconciler.model.TaskOptions;
import io.berth.reconciler.scheduler.placement.PlacementConstraint;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the body of {@code aws ecs register-task-definition --cli-input-json} as it is: ECS's field names,
 * environment as {@code [{name, value}]}, times in whole seconds, task cpu/memory as numbers or ECS's strings
 * ("1 vCPU", "2 GB"). Error paths use ECS's names ({@code containerDefinitions[0].memory}). Thread-safe.
 */
public final class EcsTaskDefinitionParser {

    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private final ContainerDefinitionReader containerReader = new ContainerDefinitionReader(Dialect.ECS);
    private final TaskDefinitionSpecValidator validator = new TaskDefinitionSpecValidator();
    private final TaskOptionsReader optionsReader = new TaskOptionsReader();

    /** A valid task definition and what of the body Berth accepted but does not act on. */
    public record Registration(TaskDefinitionDocument document, List<String> warnings) {
    }

    /**
     * @throws ManifestSyntaxException     the body is not JSON
     * @throws ManifestValidationException listing every offending field; nothing is to be stored
     */
    public Registration parse(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            var location = e.getLocation();
            int line = location == null ? -1 : location.getLineNr();
            int column = location == null ? -1 : location.getColumnNr();
            throw new ManifestSyntaxException("invalid JSON" + (line > 0 ? " at line " + line + ", column " + column : "")
                    + ": " + e.getOriginalMessage(), line, column, e);
        }
        ErrorCollector errors = new ErrorCollector();
        List<String> warnings = new ArrayList<>();
        ObjectFields fields = ObjectFields.of(root, "", errors);
        if (fields == null) {
            throw new ManifestValidationException(errors.toResult().errors());
        }
        String family = fields.requiredString("family");
        if (family != null) {
            Names.check(family, "family", errors);
        }
        List<ContainerDefinition> containers = new ArrayList<>();
        JsonNode list = fields.require("containerDefinitions");
        if (list != null && !list.isArray()) {
            errors.reject("containerDefinitions", "must be a list of container definitions, got " + NodeTypes.describe(list));
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                containers.add(containerReader.read(list.get(i), "containerDefinitions[" + i + "]", errors, warnings));
            }
        }
        Integer cpu = size(fields, "cpu", 1024, "vcpu", errors);
        Integer memory = size(fields, "memory", 1024, "gb", errors);
        TaskOptions.NetworkMode networkMode = optionsReader.networkMode(fields, errors);
        List<TaskOptions.Volume> volumes = optionsReader.volumes(fields);
        Map<String, String> tags = optionsReader.tagList(fields);
        List<PlacementConstraint> constraints = PlacementReader.constraints(fields.get("placementConstraints"),
                fields.path("placementConstraints"), true, errors);
        EcsCompatibility.task(fields, warnings, errors);
        fields.rejectUnknown();
        TaskDefinitionSpec spec = new TaskDefinitionSpec(TaskOptionsValidator.hostModePorts(containers, networkMode),
                cpu, memory,
                new TaskOptions(networkMode, volumes, tags), constraints);
        validator.validate(spec, "", "containerDefinitions", errors);
        if (errors.hasErrors()) {
            throw new ManifestValidationException(errors.toResult().errors());
        }
        return new Registration(new TaskDefinitionDocument(family, Map.of(), spec), List.copyOf(warnings));
    }

    /**
     * ECS writes task sizes as numbers or strings: cpu "256" or "0.25 vCPU", memory "512" or "1 GB".
     * {@code unit} is the larger unit and {@code perUnit} its size in the smaller one.
     */
    private static Integer size(ObjectFields fields, String key, int perUnit, String unit, ErrorCollector errors) {
        JsonNode value = fields.get(key);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return NodeTypes.integer(value, fields.path(key), errors);
        }
        String text = value.isString() ? value.asString().trim().toLowerCase(Locale.ROOT) : null;
        try {
            if (text != null && text.endsWith(unit)) {
                return new BigDecimal(text.substring(0, text.length() - unit.length()).trim())
                        .multiply(BigDecimal.valueOf(perUnit)).intValueExact();
            }
            if (text != null) {
                return Integer.parseInt(text);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        errors.reject(fields.path(key), "must be a whole number or a string like \"512\" or \"1 " + unit
                + "\", got " + NodeTypes.describe(value) + (text == null ? "" : " \"" + value.asString() + "\""));
        return null;
    }
}
