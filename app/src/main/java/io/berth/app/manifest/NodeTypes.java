package io.berth.app.manifest;

import tools.jackson.databind.JsonNode;

/** Type checks of single JSON/YAML values, reporting into an {@link ErrorCollector}. */
final class NodeTypes {

    private NodeTypes() {
    }

    /** A string; null when absent or of another type (then reported). */
    static String string(JsonNode value, String path, ErrorCollector errors) {
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            errors.reject(path, "must be a string, got " + describe(value));
            return null;
        }
        return value.stringValue();
    }

    /** A string, number or boolean as text: YAML users write {@code [sleep, 10]} and {@code PORT: 8080}. */
    static String scalarText(JsonNode value, String path, ErrorCollector errors) {
        if (value != null && (value.isString() || value.isNumber() || value.isBoolean())) {
            return value.asString();
        }
        errors.reject(path, "must be a string, got " + describe(value));
        return null;
    }

    static Integer integer(JsonNode value, String path, ErrorCollector errors) {
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.reject(path, "must be an integer, got " + describe(value));
            return null;
        }
        return value.intValue();
    }

    /** A short description of a value's type for error messages. */
    static String describe(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isString()) {
            return "a string";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? "the number " + value.asString() : "a number out of range";
        }
        if (value.isNumber()) {
            return "the number " + value.asString();
        }
        return value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
