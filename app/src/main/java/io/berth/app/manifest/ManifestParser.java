package io.berth.app.manifest;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the body of an apply request into {@link ManifestDocument}s, all or nothing.
 *
 * <p>The text is read into a tree first and the tree walked by hand: that gives exact paths for every error
 * and catches unknown fields, which binding straight onto records would not. Thread-safe.
 */
public final class ManifestParser {

    /**
     * Texts up to this many characters are read by SnakeYAML in its usual 1,024-character steps; longer ones in one
     * step. Its reader copies the part of its window it still looks at on every step, and a long run it looks ahead
     * over (a line of blanks or one comment) stays in that window: reading a 4 MB line in small steps cost seconds
     * of CPU per megabyte, growing with the square of the line's length.
     */
    static final int SMALL_YAML = 64 * 1024;
    private final ObjectMapper yaml = yamlMapper(LoadSettings.builder().build());
    /** SnakeYAML's own limit on a text (3 Mi code points) plus one: such a text is read in a single step. */
    private final ObjectMapper largeYaml = yamlMapper(LoadSettings.builder()
            .setBufferSize(LoadSettings.builder().build().getCodePointLimit() + 1).build());
    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private final DocumentReader documentReader = new DocumentReader();
    private final int maxDocuments;

    /** At most 500 documents per manifest. */
    public ManifestParser() {
        this(DEFAULT_MAX_DOCUMENTS);
    }

    /** @param maxDocuments more documents than this in one manifest are refused, naming {@code documents} */
    public ManifestParser(int maxDocuments) {
        if (maxDocuments < 1) {
            throw new IllegalArgumentException("maxDocuments must be at least 1, was " + maxDocuments);
        }
        this.maxDocuments = maxDocuments;
    }

    public static final int DEFAULT_MAX_DOCUMENTS = 500;

    /**
     * @throws ManifestSyntaxException when the text is not well-formed; validation errors are returned instead
     */
    public ParsedManifest parse(String text, ManifestFormat format) {
        List<JsonNode> nodes = format == ManifestFormat.JSON ? jsonDocuments(text) : yamlDocuments(text);
        ErrorCollector errors = new ErrorCollector();
        if (nodes.isEmpty()) {
            errors.reject("documents", "must contain at least one document");
        }
        if (nodes.size() > maxDocuments) {
            // Before each document is read and checked: the count alone decides, at the cost of nothing more.
            errors.reject("documents", "at most " + maxDocuments + " documents per apply (berth.api.max-documents), got "
                    + nodes.size());
            return new ParsedManifest(List.of(), errors.toResult());
        }
        List<ManifestDocument> documents = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            ManifestDocument document = documentReader.read(nodes.get(i), "documents[" + i + "]", errors);
            documents.add(document);
        }
        rejectDuplicates(documents, errors);
        if (errors.hasErrors()) {
            return new ParsedManifest(List.of(), errors.toResult());
        }
        return new ParsedManifest(documents, ValidationResult.valid());
    }

    private List<JsonNode> yamlDocuments(String text) {
        List<JsonNode> documents = new ArrayList<>();
        ObjectMapper mapper = text.length() <= SMALL_YAML ? yaml : largeYaml;
        try (MappingIterator<JsonNode> iterator = mapper.readerFor(JsonNode.class).readValues(text)) {
            while (iterator.hasNextValue()) {
                addDocument(iterator.nextValue(), documents);
            }
        } catch (JacksonException e) {
            throw syntaxError("YAML", e);
        }
        return documents;
    }

    /** The default load settings but for the buffer size, which is how much of the text is read in one step. */
    private static ObjectMapper yamlMapper(LoadSettings settings) {
        // rebuild() of a default factory: YAMLFactory.builder() starts from other read features (an empty document
        // would be read as an empty string, not as none).
        return YAMLMapper.builder(new YAMLFactory().rebuild().loadSettings(settings).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
    }

    private List<JsonNode> jsonDocuments(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try {
            JsonNode root = json.readTree(text);
            if (root != null) {
                addDocument(root, documents);
            }
        } catch (JacksonException e) {
            throw syntaxError("JSON", e);
        }
        return documents;
    }

    /** A top-level list holds several documents (JSON arrays, or a YAML list of documents). */
    private static void addDocument(JsonNode node, List<JsonNode> documents) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return; // an empty document, e.g. after a trailing "---"
        }
        if (node.isArray()) {
            node.forEach(documents::add);
        } else {
            documents.add(node);
        }
    }

    private static ManifestSyntaxException syntaxError(String format, JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        int line = location == null ? -1 : location.getLineNr();
        int column = location == null ? -1 : location.getColumnNr();
        String where = line > 0 ? " at line " + line + ", column " + column : "";
        return new ManifestSyntaxException(
                "invalid " + format + where + ": " + e.getOriginalMessage(), line, column, e);
    }

    /** One apply cannot declare the same task definition family or the same service twice. */
    private static void rejectDuplicates(List<ManifestDocument> documents, ErrorCollector errors) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            String key = switch (documents.get(i)) {
                case null -> null;
                case TaskDefinitionDocument td -> "TaskDefinition \"" + td.name() + "\"";
                case ServiceDocument s -> "Service \"" + s.name() + "\" in cluster \"" + s.cluster() + "\"";
                case ContainerInstanceDocument c -> "ContainerInstance \"" + c.name() + "\" in cluster \"" + c.cluster() + "\"";
                case TargetGroupDocument t -> "TargetGroup \"" + t.name() + "\" in cluster \"" + t.cluster() + "\"";
                case LoadBalancerDocument l -> "LoadBalancer \"" + l.name() + "\" in cluster \"" + l.cluster() + "\"";
                case RoleDocument r -> "Role \"" + r.name() + "\"";
                case SecretDocument s -> s.kindName() + " \"" + s.name() + "\"";
                case ScheduledTaskDocument s -> "ScheduledTask \"" + s.name() + "\" in cluster \"" + s.cluster() + "\"";
            };
            if (key == null || documents.get(i).name().isEmpty()) {
                continue;
            }
            Integer previous = seen.putIfAbsent(key, i);
            if (previous != null) {
                errors.reject("documents[" + i + "].metadata.name",
                        "duplicate " + key + " (also in documents[" + previous + "])");
            }
        }
    }
}
