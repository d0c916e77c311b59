package io.berth.app.api.dto;

import java.util.List;

/**
 * An instance's resources, as ECS's registeredResources / remainingResources.
 *
 * @param cpu      CPU units, 1024 per core
 * @param memory   MiB
 * @param ports    tcp host ports, ascending. Registered: those Berth reserves on every instance (22, 2375, 2376).
 *                 Remaining: as in ECS, the ports <em>not</em> free — the reserved ones plus the fixed host ports of
 *                 the tasks placed there that are not STOPPED; any port not listed is free
 * @param udpPorts the same for udp (none reserved)
 */
public record Resources(int cpu, int memory, List<String> ports, List<String> udpPorts) {

    public Resources {
        ports = List.copyOf(ports);
        udpPorts = List.copyOf(udpPorts);
    }
}
