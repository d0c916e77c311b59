package io.berth.app.api.fuzz;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Mutated manifests for apply (YAML and JSON, dry run or not), ECS register-task-definition and run-task. */
final class ManifestCases {

    static final String APPLY = "POST /v1/apply";
    static final String REGISTER = "POST /v1/task-definitions";
    static final String RUN_TASK = "POST /v1/clusters/{c}/tasks";
    private static final String YAML = "application/yaml";
    private static final String JSON = "application/json";

    private final Requests requests;
    private final BadValues bad;
    private final ManifestSeeds seeds;
    private final YamlMutator yaml;
    private final TreeMutator tree;
    private final SpecialDocuments special;
    private final String family;
    private final List<String> yamlSeeds;

    ManifestCases(Requests requests, BadValues bad, ManifestSeeds seeds, String family) {
        this.requests = requests;
        this.bad = bad;
        this.seeds = seeds;
        this.yaml = new YamlMutator(bad);
        this.tree = new TreeMutator(bad);
        this.special = new SpecialDocuments(bad.random(), seeds.cluster());
        this.family = family;
        this.yamlSeeds = List.of(seeds.taskDefinitionYaml(family) + "---\n" + seeds.serviceYaml(unique("fuzz-svc"), family),
                seeds.serviceYaml(unique("fuzz-svc"), family + ":1"));
    }

    FuzzCase yamlApply() {
        String body = yaml.mutate(yamlSeeds.get(bad.random().nextInt(yamlSeeds.size())));
        return apply("yaml", body, YAML, bad.random().nextInt(20) != 0);
    }

    FuzzCase jsonApply() {
        Object manifests = bad.random().nextBoolean() ? seeds.manifestsJson(family) : seeds.manifestsJson(family).getFirst();
        return apply("json", FuzzJson.write(tree.mutate(manifests)), JSON, true);
    }

    FuzzCase registerTaskDefinition() {
        String body = FuzzJson.write(tree.mutate(seeds.ecsTaskDefinition(unique("fuzz-ecs"))));
        return new FuzzCase(REGISTER, "register-task-definition",
                requests.post("/v1/task-definitions", Map.of(), JSON, body).build(), body);
    }

    FuzzCase runTask() {
        String body = FuzzJson.write(tree.mutate(seeds.runTask(family)));
        return new FuzzCase(RUN_TASK, "run-task",
                requests.post("/v1/clusters/" + seeds.cluster() + "/tasks", Map.of(), JSON, body).build(), body);
    }

    FuzzCase special(int i) {
        return apply("special yaml", special.document(family, i), YAML, true);
    }

    private FuzzCase apply(String kind, String body, String type, boolean dryRun) {
        Map<String, String> query = dryRun ? Map.of("dryRun", "true") : Map.of();
        return new FuzzCase(APPLY, "apply " + kind + (dryRun ? " dryRun" : ""),
                requests.post("/v1/apply", query, type, body).build(), body);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
