package io.berth.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * docker-java inspect/list answers → {@link ContainerState}, and the rules both readers share (health text, times,
 * the choice of a port binding). Pure mapping, no engine calls. The engine's list and inspect answers are read by
 * {@link ContainerJson} (docker-java's model mapping cost too much CPU per pass); {@link #fromList} and
 * {@link #fromInspect} stay as the reference it is tested against.
 */
final class StateMapper {

    private StateMapper() {
    }

    static ContainerState fromInspect(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState s = r.getState();
        boolean running = s != null && Boolean.TRUE.equals(s.getRunning());
        String status = s == null ? null : s.getStatus();
        Long exit = s == null ? null : s.getExitCodeLong();
        // Docker reports ExitCode 0 for containers that never ran; only an exited/dead container has a real one.
        Integer exitCode = exit != null && ("exited".equals(status) || "dead".equals(status)) ? exit.intValue() : null;
        Map<String, String> labels = r.getConfig() == null ? null : r.getConfig().getLabels();
        String image = r.getConfig() == null ? r.getImageId() : r.getConfig().getImage();
        return new ContainerState(
                r.getId(),
                stripSlash(r.getName()),
                image,
                labels,
                status,
                running,
                exitCode,
                s != null && Boolean.TRUE.equals(s.getOOMKilled()),
                health(s == null || s.getHealth() == null ? null : s.getHealth().getStatus()),
                s == null || s.getError() == null || s.getError().isBlank() ? null : s.getError(),
                r.getNetworkSettings() == null ? List.of() : ports(r.getNetworkSettings().getPorts()),
                instant(s == null ? null : s.getStartedAt()),
                instant(s == null ? null : s.getFinishedAt()));
    }

    /**
     * The cheap view from a list call: exit code, OOM flag, error and times are not in a list answer, so they are
     * null/false here; health comes from the status text ("Up 3 minutes (healthy)").
     */
    static ContainerState fromList(Container c) {
        String name = c.getNames() == null || c.getNames().length == 0 ? null : stripSlash(c.getNames()[0]);
        String state = c.getState() == null ? null : c.getState().toLowerCase(Locale.ROOT);
        return new ContainerState(
                c.getId(), name, c.getImage(), c.getLabels(), state, "running".equals(state),
                null, false, healthFromStatusText(c.getStatus()), null, listPorts(c.getPorts()), null, null);
    }

    static ContainerState.Health health(String dockerHealth) {
        if (dockerHealth == null) {
            return ContainerState.Health.NONE;
        }
        return switch (dockerHealth.toLowerCase(Locale.ROOT)) {
            case "starting" -> ContainerState.Health.STARTING;
            case "healthy" -> ContainerState.Health.HEALTHY;
            case "unhealthy" -> ContainerState.Health.UNHEALTHY;
            default -> ContainerState.Health.NONE;
        };
    }

    static ContainerState.Health healthFromStatusText(String status) {
        if (status == null) return ContainerState.Health.NONE;
        if (status.contains("(healthy)")) return ContainerState.Health.HEALTHY;
        if (status.contains("(unhealthy)")) return ContainerState.Health.UNHEALTHY;
        if (status.contains("(health: starting)")) return ContainerState.Health.STARTING;
        return ContainerState.Health.NONE;
    }

    /** Docker's zero time (0001-01-01T00:00:00Z) means "never"; unparsable text is treated as unknown. */
    static Instant instant(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Bound host ports, one per container port and protocol. The engine lists a binding once per address
     * family (0.0.0.0 and ::), and Engine 20.10 sometimes gives the two families different dynamic host ports
     * (moby#42442): the IPv4 one is kept, the one clients reach by default.
     */
    static List<ContainerSpec.PortBinding> ports(Ports ports) {
        if (ports == null || ports.getBindings() == null) {
            return List.of();
        }
        Map<String, ContainerSpec.PortBinding> chosen = new LinkedHashMap<>();
        Set<String> keptIpv6 = new java.util.HashSet<>();
        for (Map.Entry<ExposedPort, Ports.Binding[]> e : ports.getBindings().entrySet()) {
            if (e.getValue() == null) continue; // exposed but not published
            for (Ports.Binding b : e.getValue()) {
                Integer host = parsePort(b.getHostPortSpec());
                if (host != null) {
                    choose(chosen, keptIpv6, new ContainerSpec.PortBinding(e.getKey().getPort(), host,
                            e.getKey().getProtocol().toString()), b.getHostIp());
                }
            }
        }
        return sorted(chosen.values());
    }

    static List<ContainerSpec.PortBinding> listPorts(ContainerPort[] ports) {
        if (ports == null) {
            return List.of();
        }
        Map<String, ContainerSpec.PortBinding> chosen = new LinkedHashMap<>();
        Set<String> keptIpv6 = new java.util.HashSet<>();
        for (ContainerPort p : ports) {
            if (p.getPrivatePort() != null && p.getPublicPort() != null) {
                String type = p.getType() == null ? "tcp" : p.getType();
                choose(chosen, keptIpv6, new ContainerSpec.PortBinding(p.getPrivatePort(), p.getPublicPort(), type), p.getIp());
            }
        }
        return sorted(chosen.values());
    }

    /** The first binding of a container port wins, unless it was IPv6 and an IPv4 one follows. */
    static void choose(Map<String, ContainerSpec.PortBinding> chosen, Set<String> keptIpv6,
                               ContainerSpec.PortBinding binding, String hostIp) {
        String key = binding.containerPort() + "/" + binding.protocol();
        boolean ipv6 = hostIp != null && hostIp.contains(":");
        if (!chosen.containsKey(key)) {
            chosen.put(key, binding);
            if (ipv6) {
                keptIpv6.add(key);
            }
        } else if (!ipv6 && keptIpv6.remove(key)) {
            chosen.put(key, binding);
        }
    }

    static List<ContainerSpec.PortBinding> sorted(java.util.Collection<ContainerSpec.PortBinding> ports) {
        List<ContainerSpec.PortBinding> list = new ArrayList<>(ports);
        list.sort(java.util.Comparator.comparingInt(ContainerSpec.PortBinding::containerPort)
                .thenComparing(ContainerSpec.PortBinding::protocol)
                .thenComparingInt(ContainerSpec.PortBinding::hostPort));
        return List.copyOf(list);
    }

    static Integer parsePort(String spec) {
        if (spec == null || spec.isBlank()) return null;
        try {
            return Integer.parseInt(spec.trim());
        } catch (NumberFormatException e) {
            return null; // a range spec: not something we create
        }
    }

    static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }
}
