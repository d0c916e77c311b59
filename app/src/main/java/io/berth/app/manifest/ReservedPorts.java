package io.berth.app.manifest;

import io.berth.reconciler.model.HostPort;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The host ports an instance keeps from tasks, as a manifest or a registration writes them:
 * {@code reservedPorts: {tcp: [22, 2375, 2376], udp: [53]}} — ECS's {@code ECS_RESERVED_PORTS} and
 * {@code ECS_RESERVED_PORTS_UDP}. Absent means the default set (ssh and the Docker engine); {@code {tcp: []}} none.
 * A protocol left out reserves nothing of it.
 */
public record ReservedPorts(List<Integer> tcp, List<Integer> udp) {

    public ReservedPorts {
        tcp = tcp == null ? List.of() : List.copyOf(tcp);
        udp = udp == null ? List.of() : List.copyOf(udp);
    }

    /** Each port out of 1..65535, named by its path ({@code prefix.tcp[0]}). */
    public List<FieldError> errors(String prefix) {
        List<FieldError> errors = new ArrayList<>();
        check(tcp, prefix + ".tcp", errors);
        check(udp, prefix + ".udp", errors);
        return errors;
    }

    private static void check(List<Integer> ports, String path, List<FieldError> errors) {
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            if (port < 1 || port > 65535) {
                errors.add(new FieldError(path + "[" + i + "]", "must be a port between 1 and 65535, got " + port));
            }
        }
    }

    public Set<HostPort> hostPorts() {
        Set<HostPort> ports = new LinkedHashSet<>();
        tcp.forEach(p -> ports.add(new HostPort(p, "tcp")));
        udp.forEach(p -> ports.add(new HostPort(p, "udp")));
        return ports;
    }

    /** As the row stores it: null for the default set (nothing declared), else {@link HostPort#formatList}. */
    public static String stored(ReservedPorts declared) {
        return declared == null ? null : HostPort.formatList(declared.hostPorts());
    }
}
