package io.berth.reconciler.store.jpa;

import io.berth.reconciler.policy.ClusterPolicy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cluster row's {@code policy_rules} JSON: the policy settings added after the first four (volume drivers, low host ports, root user,
 * registries, unconfined security options). A key that is absent
 * (a policy stored before the setting existed) reads as the setting's default, so an old policy keeps its meaning.
 */
final class PolicyRulesJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PolicyRulesJson() {
    }

    static String write(ClusterPolicy p) {
        ObjectNode node = JSON.createObjectNode();
        node.set("allowedVolumeDrivers", JSON.valueToTree(List.copyOf(p.allowedVolumeDrivers())));
        node.put("allowLowHostPorts", p.allowLowHostPorts());
        node.put("allowRootUser", p.allowRootUser());
        node.set("allowedRegistries", JSON.valueToTree(List.copyOf(p.allowedRegistries())));
        node.put("allowUnconfined", p.allowUnconfined());
        node.put("allowExec", p.allowExec());
        return JSON.writeValueAsString(node);
    }

    /** @param base the policy of the row's columns, with defaults for everything else */
    static ClusterPolicy read(String json, ClusterPolicy base) {
        JsonNode node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        return new ClusterPolicy(base.allowPrivileged(), base.allowedCapabilities(), base.allowHostNetwork(),
                base.allowHostPaths(), strings(node.get("allowedVolumeDrivers"), base.allowedVolumeDrivers()),
                bool(node.get("allowLowHostPorts"), base.allowLowHostPorts()),
                bool(node.get("allowRootUser"), base.allowRootUser()),
                strings(node.get("allowedRegistries"), base.allowedRegistries()),
                bool(node.get("allowUnconfined"), base.allowUnconfined()),
                bool(node.get("allowExec"), base.allowExec()));
    }

    private static boolean bool(JsonNode value, boolean otherwise) {
        return value == null || !value.isBoolean() ? otherwise : value.booleanValue();
    }

    private static Set<String> strings(JsonNode value, Set<String> otherwise) {
        if (value == null || !value.isArray()) {
            return otherwise;
        }
        Set<String> result = new LinkedHashSet<>();
        value.forEach(v -> result.add(v.asString()));
        return result;
    }
}
