package io.berth.reconciler.desiredstate;

import io.berth.docker.EngineInfo;

import java.util.Map;
import java.util.TreeMap;

/** A container instance's attributes: ECS-style built-in ones from what its engine says, and the user's over them. */
public final class InstanceAttributes {

    private static final long MIB = 1024L * 1024L;

    private InstanceAttributes() {
    }

    /** The stored attributes that are not built-in ones (those are read from the engine again). */
    public static Map<String, String> customOf(Map<String, String> stored, EngineInfo info) {
        Map<String, String> custom = new TreeMap<>(stored);
        custom.keySet().removeAll(builtIn(info).keySet());
        return custom;
    }

    /** The attributes stored for an instance: the built-in ones, then the user's over them. */
    public static Map<String, String> attributes(EngineInfo info, Map<String, String> customAttributes) {
        Map<String, String> attributes = new TreeMap<>(builtIn(info));
        attributes.putAll(customAttributes);
        return attributes;
    }

    /** What the engine says about itself, as ECS's built-in attributes. */
    private static Map<String, String> builtIn(EngineInfo info) {
        return Map.of("berth.engine-id", info.engineId(), "berth.hostname", info.name(),
                "berth.os", String.valueOf(info.operatingSystem()), "berth.architecture", String.valueOf(info.architecture()),
                "berth.engine-version", info.serverVersion(), "berth.cpus", Integer.toString(info.cpus()),
                "berth.memory-mib", Long.toString(info.memoryBytes() / MIB));
    }
}
