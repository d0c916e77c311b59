package io.berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/** Finds things by the names users type: cluster names, task id prefixes, instance ids/hostnames/endpoints. */
final class Resources {

    private final ApiClient api;

    Resources(ApiClient api) {
        this.api = api;
    }

    static String clusterPath(String cluster) {
        return "/v1/clusters/" + ApiClient.encode(cluster);
    }

    JsonNode clusters() {
        return api.getAll("/v1/clusters");
    }

    JsonNode cluster(String name) {
        for (JsonNode cluster : clusters()) {
            if (name.equals(Json.text(cluster, "name"))) {
                return cluster;
            }
        }
        throw notFound("cluster \"" + name + "\" not found");
    }

    JsonNode instances(String cluster) {
        return api.getAll(clusterPath(cluster) + "/container-instances");
    }

    /** An instance by id, id prefix, hostname or endpoint. */
    JsonNode instance(String cluster, String name) {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode instance : instances(cluster)) {
            String id = Json.text(instance, "id", "");
            if (id.equals(name) || name.equals(Json.text(instance, "hostname"))
                    || name.equals(Json.text(instance, "endpoint"))) {
                return instance;
            }
            if (id.startsWith(name.toLowerCase(Locale.ROOT))) {
                matches.add(instance);
            }
        }
        return unique(matches, "container instance \"" + name + "\"", cluster);
    }

    JsonNode services(String cluster) {
        return api.getAll(clusterPath(cluster) + "/services");
    }

    JsonNode service(String cluster, String name) {
        return api.get(clusterPath(cluster) + "/services/" + ApiClient.encode(name));
    }

    /** The service's deployments, newest first. */
    JsonNode deployments(String cluster, String service) {
        return api.getAll(clusterPath(cluster) + "/services/" + ApiClient.encode(service) + "/deployments");
    }

    JsonNode tasks(String cluster, String service, String status) {
        return tasks(cluster, new TaskQuery(service, status, null, null, null));
    }

    JsonNode tasks(String cluster, TaskQuery filter) {
        String query = filter.queryString();
        return api.getAll(clusterPath(cluster) + "/tasks" + (query.isEmpty() ? "" : "?" + query));
    }

    /** A task by its id or a unique prefix of it (the 8 characters {@code get tasks} shows). */
    JsonNode task(String cluster, String id) {
        if (id.length() == 36) {
            return api.get(clusterPath(cluster) + "/tasks/" + ApiClient.encode(id));
        }
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode task : tasks(cluster, null, null)) {
            if (Json.text(task, "id", "").startsWith(id.toLowerCase(Locale.ROOT))) {
                matches.add(task);
            }
        }
        return unique(matches, "task \"" + id + "\"", cluster);
    }

    JsonNode targetGroups(String cluster) {
        return api.getAll(clusterPath(cluster) + "/target-groups");
    }

    JsonNode targetGroup(String cluster, String name) {
        return api.get(clusterPath(cluster) + "/target-groups/" + ApiClient.encode(name));
    }

    /** The group's registered targets with the health HAProxy's checks give them (describe-target-health). */
    JsonNode targets(String cluster, String targetGroup) {
        return api.get(clusterPath(cluster) + "/target-groups/" + ApiClient.encode(targetGroup) + "/targets");
    }

    JsonNode loadBalancers(String cluster) {
        return api.getAll(clusterPath(cluster) + "/load-balancers");
    }

    JsonNode loadBalancer(String cluster, String name) {
        return api.get(clusterPath(cluster) + "/load-balancers/" + ApiClient.encode(name));
    }

    /** Secrets or configs ({@code secrets}, {@code configs}): global, not of a cluster. */
    JsonNode secrets(String kind) {
        return api.getAll("/v1/" + kind);
    }

    JsonNode secret(String kind, String name) {
        return api.get("/v1/" + kind + "/" + ApiClient.encode(name));
    }

    JsonNode scheduledTasks(String cluster) {
        return api.getAll(clusterPath(cluster) + "/scheduled-tasks");
    }

    /** A cluster's scheduled scaling actions, or one service's (service not null). */
    JsonNode scheduledActions(String cluster, String service) {
        return api.get(clusterPath(cluster) + (service == null ? "" : "/services/" + ApiClient.encode(service))
                + "/scheduled-actions");
    }

    JsonNode scheduledTask(String cluster, String name) {
        return api.get(clusterPath(cluster) + "/scheduled-tasks/" + ApiClient.encode(name));
    }

    JsonNode families() {
        return api.getAll("/v1/task-definitions");
    }

    JsonNode revisions(String family) {
        return api.getAll("/v1/task-definitions/" + ApiClient.encode(family), "revisions");
    }

    /** {@code family:revision}, or the latest revision of {@code family}. */
    JsonNode taskDefinition(String name) {
        int colon = name.lastIndexOf(':');
        if (colon > 0) {
            return api.get("/v1/task-definitions/" + ApiClient.encode(name.substring(0, colon)) + ":"
                    + ApiClient.encode(name.substring(colon + 1)));
        }
        JsonNode revisions = revisions(name).path("revisions");
        if (revisions.isEmpty()) {
            throw notFound("task definition \"" + name + "\" has no revisions");
        }
        int latest = 0;
        for (JsonNode revision : revisions) {
            latest = Math.max(latest, revision.path("revision").asInt());
        }
        return api.get("/v1/task-definitions/" + ApiClient.encode(name) + ":" + latest);
    }

    private static JsonNode unique(List<JsonNode> matches, String what, String cluster) {
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        if (matches.isEmpty()) {
            throw notFound(what + " not found in cluster \"" + cluster + "\"");
        }
        throw new CliException(ExitCodes.API_ERROR, what + " is ambiguous in cluster \"" + cluster + "\": "
                + matches.size() + " match; give more characters");
    }

    private static CliException notFound(String message) {
        return new CliException(ExitCodes.API_ERROR, message);
    }
}
