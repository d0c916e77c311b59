package io.berth.app.console;

import io.berth.app.api.dto.TaskDefinitionSpecView;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.util.List;

/**
 * A revision's spec as canonical YAML lines: fields in the manifest's order, map entries (environment, labels,
 * tags) by key, so that two revisions differ line by line only where their specs do. It renders the API's view of
 * the spec, whose environment values are already redacted and whose secrets are references, never values.
 */
final class RevisionText {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS) // "2" stays a string, as it was applied
            .build();

    private RevisionText() {
    }

    static String yaml(TaskDefinitionSpecView spec) {
        return YAML.writeValueAsString(spec);
    }

    static List<String> lines(TaskDefinitionSpecView spec) {
        return yaml(spec).lines().toList();
    }
}
