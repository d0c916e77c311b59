package io.berth.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine's container list and inspect answers → {@link ContainerState}, read with a streaming parser that keeps
 * only the fields Berth uses and skips the rest unread.
 *
 * <p>Why not docker-java's own mapping: its deserializer reads each answer into a tree, converts the tree to the
 * model, and serialises parts back to keep "raw values". Every reconcile pass lists its service's containers, and
 * in a 10-task rollout that mapping was about a third of Berth's CPU time (JFR) — CPU the same 2-core host needed
 * for the container starts. The result is the same {@link ContainerState} as {@link StateMapper} gives for the
 * same answer; {@code ContainerJsonTest} holds the two side by side on recorded answers and on real containers.
 */
final class ContainerJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ContainerJson() {
    }

    /** {@code GET /containers/json}: an array of summaries. */
    static List<ContainerState> list(InputStream body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            List<ContainerState> out = new ArrayList<>();
            expect(p.nextToken(), JsonToken.START_ARRAY, "container list");
            while (p.nextToken() == JsonToken.START_OBJECT) {
                out.add(summary(p));
            }
            return out;
        }
    }

    /** {@code GET /containers/{id}/json}. */
    static ContainerState inspect(InputStream body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "container inspect");
            return inspected(p);
        }
    }

    // ---------------------------------------------------------------- list

    private static ContainerState summary(JsonParser p) throws IOException {
        String id = null, name = null, image = null, state = null, status = null;
        Map<String, String> labels = null;
        List<ContainerSpec.PortBinding> ports = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "Id" -> id = text(p, value);
                case "Names" -> name = firstName(p, value);
                case "Image" -> image = text(p, value);
                case "Labels" -> labels = stringMap(p, value);
                case "State" -> state = text(p, value);
                case "Status" -> status = text(p, value);
                case "Ports" -> ports = summaryPorts(p, value);
                default -> p.skipChildren();
            }
        }
        String lowerState = state == null ? null : state.toLowerCase(Locale.ROOT);
        return new ContainerState(id, name, image, labels, lowerState, "running".equals(lowerState),
                null, false, StateMapper.healthFromStatusText(status), null, ports, null, null);
    }

    private static String firstName(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        String first = null;
        boolean seen = false;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String n = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
            if (!seen) {
                first = n;
                seen = true;
            }
        }
        return StateMapper.stripSlash(first);
    }

    /** [{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":49153,"Type":"tcp"}, ...]: published ones only. */
    private static List<ContainerSpec.PortBinding> summaryPorts(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        PortChoice choice = new PortChoice();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String ip = null, type = null;
            Integer privatePort = null, publicPort = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "IP" -> ip = text(p, v);
                    case "PrivatePort" -> privatePort = integer(p, v);
                    case "PublicPort" -> publicPort = integer(p, v);
                    case "Type" -> type = text(p, v);
                    default -> p.skipChildren();
                }
            }
            if (privatePort != null && publicPort != null) {
                choice.offer(new ContainerSpec.PortBinding(privatePort, publicPort, type == null ? "tcp" : type), ip);
            }
        }
        return choice.result();
    }

    // ---------------------------------------------------------------- inspect

    private static ContainerState inspected(JsonParser p) throws IOException {
        String id = null, name = null, imageId = null;
        ConfigPart config = null;
        StatePart state = null;
        List<ContainerSpec.PortBinding> ports = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "Id" -> id = text(p, value);
                case "Name" -> name = text(p, value);
                case "Image" -> imageId = text(p, value);
                case "Config" -> config = value == JsonToken.START_OBJECT ? config(p) : skipped(p);
                case "State" -> state = value == JsonToken.START_OBJECT ? state(p) : skippedState(p);
                case "NetworkSettings" -> ports = value == JsonToken.START_OBJECT ? networkPorts(p) : skippedPorts(p);
                default -> p.skipChildren();
            }
        }
        String status = state == null ? null : state.status;
        Long exit = state == null ? null : state.exitCode;
        // Docker reports ExitCode 0 for containers that never ran; only an exited/dead container has a real one.
        Integer exitCode = exit != null && ("exited".equals(status) || "dead".equals(status)) ? exit.intValue() : null;
        return new ContainerState(
                id,
                StateMapper.stripSlash(name),
                config == null ? imageId : config.image,
                config == null ? null : config.labels,
                status,
                state != null && state.running,
                exitCode,
                state != null && state.oomKilled,
                StateMapper.health(state == null ? null : state.health),
                state == null || state.error == null || state.error.isBlank() ? null : state.error,
                ports,
                StateMapper.instant(state == null ? null : state.startedAt),
                StateMapper.instant(state == null ? null : state.finishedAt));
    }

    private record ConfigPart(String image, Map<String, String> labels) {
    }

    private static ConfigPart config(JsonParser p) throws IOException {
        String image = null;
        Map<String, String> labels = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "Image" -> image = text(p, value);
                case "Labels" -> labels = stringMap(p, value);
                default -> p.skipChildren();
            }
        }
        return new ConfigPart(image, labels);
    }

    private static final class StatePart {
        String status, error, startedAt, finishedAt, health;
        boolean running, oomKilled;
        Long exitCode;
    }

    private static StatePart state(JsonParser p) throws IOException {
        StatePart s = new StatePart();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "Status" -> s.status = text(p, value);
                case "Running" -> s.running = value == JsonToken.VALUE_TRUE;
                case "OOMKilled" -> s.oomKilled = value == JsonToken.VALUE_TRUE;
                case "ExitCode" -> s.exitCode = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                case "Error" -> s.error = text(p, value);
                case "StartedAt" -> s.startedAt = text(p, value);
                case "FinishedAt" -> s.finishedAt = text(p, value);
                case "Health" -> s.health = value == JsonToken.START_OBJECT ? healthStatus(p) : skippedText(p);
                default -> p.skipChildren();
            }
        }
        return s;
    }

    private static String healthStatus(JsonParser p) throws IOException {
        String status = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("Status")) {
                status = text(p, value);
            } else {
                p.skipChildren(); // the Log of the last probes: the bulk of a health-checked container's answer
            }
        }
        return status;
    }

    /** NetworkSettings.Ports: {"8080/tcp": [{"HostIp": "0.0.0.0", "HostPort": "49153"}], "9090/tcp": null}. */
    private static List<ContainerSpec.PortBinding> networkPorts(JsonParser p) throws IOException {
        List<ContainerSpec.PortBinding> ports = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("Ports") && value == JsonToken.START_OBJECT) {
                ports = portMap(p);
            } else {
                p.skipChildren();
            }
        }
        return ports;
    }

    private static List<ContainerSpec.PortBinding> portMap(JsonParser p) throws IOException {
        PortChoice choice = new PortChoice();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (value != JsonToken.START_ARRAY) {
                p.skipChildren(); // exposed but not published
                continue;
            }
            int slash = key.indexOf('/');
            int containerPort = Integer.parseInt(slash < 0 ? key : key.substring(0, slash));
            String protocol = slash < 0 ? "tcp" : key.substring(slash + 1).toLowerCase(Locale.ROOT);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String hostIp = null, hostPort = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (field) {
                        case "HostIp" -> hostIp = text(p, v);
                        case "HostPort" -> hostPort = text(p, v);
                        default -> p.skipChildren();
                    }
                }
                Integer host = StateMapper.parsePort(hostPort);
                if (host != null) {
                    choice.offer(new ContainerSpec.PortBinding(containerPort, host, protocol), hostIp);
                }
            }
        }
        return choice.result();
    }

    // ---------------------------------------------------------------- helpers

    /** The port-choosing rule of {@link StateMapper} (the IPv4 binding wins over an IPv6 one), over a stream. */
    private static final class PortChoice {
        private final Map<String, ContainerSpec.PortBinding> chosen = new java.util.LinkedHashMap<>();
        private final java.util.Set<String> keptIpv6 = new java.util.HashSet<>();

        void offer(ContainerSpec.PortBinding binding, String hostIp) {
            StateMapper.choose(chosen, keptIpv6, binding, hostIp);
        }

        List<ContainerSpec.PortBinding> result() {
            return chosen.isEmpty() ? List.of() : StateMapper.sorted(chosen.values());
        }
    }

    private static Map<String, String> stringMap(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        Map<String, String> map = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            String text = text(p, v);
            if (text != null) {
                map.put(key, text);
            }
        }
        return map;
    }

    /** A scalar's text; null for null; an object or array where text was expected is skipped and read as null. */
    private static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.isStructStart()) {
            p.skipChildren();
            return null;
        }
        return p.getText();
    }

    private static Integer integer(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        p.skipChildren();
        return null;
    }

    private static ConfigPart skipped(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static StatePart skippedState(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static List<ContainerSpec.PortBinding> skippedPorts(JsonParser p) throws IOException {
        p.skipChildren();
        return List.of();
    }

    private static String skippedText(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw new IOException("malformed " + what + " answer: expected " + expected + ", got " + actual);
        }
    }
}
