package io.berth.app.manifest;

import io.berth.app.security.access.BuiltInRoles;
import io.berth.app.security.access.Resource;
import io.berth.app.security.access.Role;
import io.berth.app.security.access.Rule;
import io.berth.app.security.access.Verb;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a Role's spec: {@code rules: [{verbs: [get, list], resources: [services], clusters: [prod]}]}; {@code *}
 * stands for every verb or every resource, and absent or empty {@code clusters} for every cluster.
 */
final class RoleReader {

    static final int MAX_RULES = 100;
    private static final String ALL = "*";
    private static final String VERBS = Arrays.stream(Verb.values()).map(Verb::wire).collect(Collectors.joining(", "));
    private static final String RESOURCES = Arrays.stream(Resource.values()).map(Resource::wire)
            .collect(Collectors.joining(", "));

    private RoleReader() {
    }

    static RoleDocument read(String name, java.util.Map<String, String> labels, String namePath, JsonNode spec,
                             String path, ErrorCollector errors) {
        if (BuiltInRoles.isBuiltIn(name)) {
            errors.reject(namePath, "\"" + name + "\" is a built-in role and cannot be changed; choose another name");
        }
        ObjectFields fields = ObjectFields.of(spec, path, errors);
        if (fields == null) {
            return null;
        }
        JsonNode rulesNode = fields.require("rules");
        fields.rejectUnknown();
        if (rulesNode == null) {
            return null;
        }
        String rulesPath = fields.path("rules");
        if (!rulesNode.isArray() || rulesNode.isEmpty()) {
            errors.reject(rulesPath, "must be a non-empty list of rules {verbs, resources, clusters}");
            return null;
        }
        if (rulesNode.size() > MAX_RULES) {
            errors.reject(rulesPath, "at most " + MAX_RULES + " rules, got " + rulesNode.size());
            return null;
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < rulesNode.size(); i++) {
            Rule rule = rule(rulesNode.get(i), rulesPath + "[" + i + "]", errors);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules.size() == rulesNode.size() ? new RoleDocument(name, labels, new Role(name, rules)) : null;
    }

    private static Rule rule(JsonNode node, String path, ErrorCollector errors) {
        ObjectFields fields = ObjectFields.of(node, path, errors);
        if (fields == null) {
            return null;
        }
        Set<Verb> verbs = names(fields, "verbs", Verb::parse, EnumSet.allOf(Verb.class), VERBS);
        Set<Resource> resources = names(fields, "resources", Resource::parse, EnumSet.allOf(Resource.class), RESOURCES);
        List<String> clusters = fields.stringList("clusters");
        if (clusters != null) {
            for (int i = 0; i < clusters.size(); i++) {
                Names.check(clusters.get(i), fields.path("clusters") + "[" + i + "]", errors);
            }
        }
        fields.rejectUnknown();
        if (verbs == null || resources == null) {
            return null;
        }
        return new Rule(verbs, resources, clusters == null ? Set.of() : new LinkedHashSet<>(clusters));
    }

    private static <T> Set<T> names(ObjectFields fields, String key, Function<String, java.util.Optional<T>> parse,
                                    Set<T> all, String known) {
        if (fields.get(key) == null) {
            fields.errors().reject(fields.path(key), "is required: a list of " + known + " or *");
            return null;
        }
        List<String> names = fields.stringList(key);
        if (names == null) {
            return null;
        }
        if (names.isEmpty()) {
            fields.errors().reject(fields.path(key), "must name at least one of " + known + " or *");
            return null;
        }
        Set<T> result = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.equals(ALL)) {
                result.addAll(all);
                continue;
            }
            var parsed = parse.apply(name);
            if (parsed.isEmpty()) {
                fields.errors().reject(fields.path(key) + "[" + i + "]", "must be one of " + known + " or *, got \""
                        + name + "\"");
                ok = false;
            } else {
                result.add(parsed.get());
            }
        }
        return ok ? result : null;
    }
}
