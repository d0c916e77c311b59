package io.berth.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Reading fields of API answers (kept as trees, so fields the server adds later are printed by -o json too). */
final class Json {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Built on first use only: a CLI run that prints no YAML does not pay for it (start-up time). */
    static final class Yaml {
        static final YAMLMapper MAPPER = YAMLMapper.builder()
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .build();

        private Yaml() {
        }
    }

    private Json() {
    }

    /** The field as text, or null when it is absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    static String text(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null || value.isEmpty() ? fallback : value;
    }

    static long number(JsonNode node, String field) {
        return node.path(field).asLong(0);
    }

    static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String pretty(JsonNode node) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    static String yaml(JsonNode node) {
        return Yaml.MAPPER.writeValueAsString(node);
    }
}
