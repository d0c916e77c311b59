package io.berth.app.manifest;

import io.berth.reconciler.model.SecretFile;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code Secret} or {@code Config} document as Kubernetes writes one: {@code data} (base64) and/or
 * {@code stringData} (plain text) at the top level, beside {@code metadata}. Values are UTF-8 text (they become
 * environment variables and files). Errors name the field and the limit, never a value.
 */
final class SecretDocumentReader {

    /** Bytes of one value (UTF-8). */
    static final int MAX_VALUE_BYTES = 64 * 1024;
    /** Bytes of all the values of one secret or config together. */
    static final int MAX_TOTAL_BYTES = 1024 * 1024;
    static final int MAX_KEYS = 256;

    private SecretDocumentReader() {
    }

    static SecretDocument read(SecretFile.Source kind, ObjectFields doc, DocumentReader.Metadata metadata) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode data = doc.get("data");
        JsonNode stringData = doc.get("stringData");
        if (data == null && stringData == null) {
            doc.reject(doc.path("stringData"), "is required (or data, base64): the values of the "
                    + (kind == SecretFile.Source.SECRET ? "secret" : "config"));
        }
        read(data, doc.path("data"), true, values, doc);
        read(stringData, doc.path("stringData"), false, values, doc);
        if (values.size() > MAX_KEYS) {
            doc.reject(doc.path("stringData"), "at most " + MAX_KEYS + " keys, got " + values.size());
        }
        long total = values.values().stream().mapToLong(v -> v.getBytes(StandardCharsets.UTF_8).length).sum();
        if (total > MAX_TOTAL_BYTES) {
            doc.reject(doc.path("stringData"), "the values together must be at most " + MAX_TOTAL_BYTES
                    + " bytes (1 MiB), got " + total);
        }
        return new SecretDocument(kind, metadata.name(), metadata.labels(), values);
    }

    private static void read(JsonNode node, String path, boolean base64, Map<String, String> values, ObjectFields doc) {
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            doc.reject(path, "must be a map of keys to values, got " + NodeTypes.describe(node));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            String keyPath = path + "." + key;
            if (!SecretRefsReader.KEY.matcher(key).matches()) {
                doc.reject(ObjectFields.of(node, path, doc.errors()).unknownKeyPath(key),
                        "keys must be 1-253 letters, digits, '-', '_' or '.'");
                continue;
            }
            String text = NodeTypes.scalarText(entry.getValue(), keyPath, doc.errors());
            if (text == null) {
                continue;
            }
            String value = base64 ? decode(text, keyPath, doc) : text;
            if (value == null) {
                continue;
            }
            if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                doc.reject(keyPath, "a value must be at most " + MAX_VALUE_BYTES + " bytes (64 KiB)");
                continue;
            }
            if (values.put(key, value) != null) {
                doc.reject(keyPath, "key \"" + key + "\" is in both data and stringData");
            }
        }
    }

    private static String decode(String text, String path, ObjectFields doc) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.replaceAll("\\s", "")); // line breaks allowed, nothing else
        } catch (IllegalArgumentException e) {
            doc.reject(path, "must be base64 (or put the plain text under stringData)");
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            doc.reject(path, "must decode to UTF-8 text: binary values are not supported");
            return null;
        }
    }
}
