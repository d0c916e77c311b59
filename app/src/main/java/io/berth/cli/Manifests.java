package io.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The body of one {@code POST /v1/apply} made of every {@code -f}: so that one invocation is all or nothing,
 * everything goes in one request. A single JSON file is sent as it is ({@code application/json}); anything
 * else is one YAML stream ({@code application/yaml}) of the files in order, {@code ---}-separated, with JSON
 * files converted to YAML (each element of a JSON array its own document). A directory contributes its
 * {@code *.yaml}, {@code *.yml} and {@code *.json} files (not recursively), sorted by name; {@code -} is stdin (YAML).
 *
 * @param sources for each document the server will number ({@code documents[i]}), the file it came from;
 *                empty when a file could not be read client-side (the server then reports the syntax error)
 * @param services the Service documents' names and clusters (cluster "default" when unset, as the server reads
 *                 it): what {@code apply --wait} shows progress for while the server waits
 */
record Manifests(String body, String contentType, List<String> sources, List<ServiceRef> services) {

    static final String YAML = "application/yaml";
    static final String JSON = "application/json";

    private static final JsonMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final YAMLMapper YAML_READER = YAMLMapper.builder().build();

    private record Source(String label, String text, boolean json) {
    }

    static Manifests read(List<String> paths, InputStream stdin) {
        List<Source> sources = new ArrayList<>();
        for (String path : paths) {
            if (path.equals("-")) {
                sources.add(new Source("<stdin>", readStdin(stdin), false));
            } else {
                addPath(Path.of(path), sources);
            }
        }
        if (sources.size() == 1 && sources.getFirst().json()) {
            Source only = sources.getFirst();
            List<JsonNode> documents = documents(only);
            return new Manifests(only.text(), JSON, labels(only, documents), services(documents));
        }
        StringBuilder body = new StringBuilder();
        List<String> documentSources = new ArrayList<>();
        List<ServiceRef> services = new ArrayList<>();
        boolean counted = true;
        for (Source source : sources) {
            String yaml = source.json() ? jsonAsYaml(source) : source.text();
            if (!body.isEmpty()) {
                body.append("---\n");
            }
            body.append(yaml);
            if (!yaml.endsWith("\n")) {
                body.append('\n');
            }
            List<JsonNode> documents = documents(source);
            counted &= !documents.isEmpty() || source.text().isBlank();
            documentSources.addAll(labels(source, documents));
            services.addAll(services(documents));
        }
        return new Manifests(body.toString(), YAML, counted ? documentSources : List.of(), services);
    }

    private static void addPath(Path path, List<Source> sources) {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(path)) {
                files = listing.filter(Files::isRegularFile).filter(Manifests::isManifest).sorted().toList();
            } catch (IOException e) {
                throw CliException.usage("cannot read directory " + path + ": " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw CliException.usage("no *.yaml, *.yml or *.json files in " + path);
            }
            files.forEach(file -> sources.add(readFile(file)));
        } else if (Files.exists(path)) {
            sources.add(readFile(path));
        } else {
            throw CliException.usage("the path \"" + path + "\" does not exist");
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static Source readFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new Source(file.toString(), text, file.getFileName().toString().toLowerCase(Locale.ROOT)
                    .endsWith(".json"));
        } catch (IOException e) {
            throw CliException.usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String readStdin(InputStream stdin) {
        try {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.usage("cannot read stdin: " + e.getMessage());
        }
    }

    private static String jsonAsYaml(Source source) {
        JsonNode root = parseJson(source);
        List<JsonNode> documents = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(documents::add);
        } else if (!root.isNull() && !root.isMissingNode()) {
            documents.add(root);
        }
        StringBuilder yaml = new StringBuilder();
        for (JsonNode document : documents) {
            if (!yaml.isEmpty()) {
                yaml.append("---\n");
            }
            yaml.append(Json.yaml(document));
        }
        return yaml.toString();
    }

    private static JsonNode parseJson(Source source) {
        try {
            JsonNode root = STRICT_JSON.readTree(source.text());
            return root == null ? STRICT_JSON.nullNode() : root;
        } catch (JacksonException e) {
            throw new CliException(ExitCodes.USAGE, "invalid JSON in " + source.label()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
                    + ": " + e.getOriginalMessage());
        }
    }

    /** The source's documents as the server will count them; empty when it cannot be parsed here. */
    private static List<JsonNode> documents(Source source) {
        List<JsonNode> documents = new ArrayList<>();
        try {
            if (source.json()) {
                add(STRICT_JSON.readTree(source.text()), documents);
            } else {
                try (MappingIterator<JsonNode> iterator = YAML_READER.readerFor(JsonNode.class)
                        .readValues(source.text())) {
                    while (iterator.hasNextValue()) {
                        add(iterator.nextValue(), documents);
                    }
                }
            }
        } catch (JacksonException e) {
            return List.of();
        }
        return documents;
    }

    /** "file" or "file (document k)" for each document of the source. */
    private static List<String> labels(Source source, List<JsonNode> documents) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            labels.add(documents.size() == 1 ? source.label() : source.label() + " (document " + (i + 1) + ")");
        }
        return labels;
    }

    private static List<ServiceRef> services(List<JsonNode> documents) {
        List<ServiceRef> services = new ArrayList<>();
        for (JsonNode document : documents) {
            String name = document.path("metadata").path("name").asString("");
            if ("Service".equalsIgnoreCase(document.path("kind").asString("")) && !name.isBlank()) {
                String cluster = document.path("metadata").path("cluster").asString("");
                services.add(new ServiceRef(cluster.isBlank() ? "default" : cluster, name));
            }
        }
        return services;
    }

    private static void add(JsonNode node, List<JsonNode> documents) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(documents::add);
        } else {
            documents.add(node);
        }
    }
}
