package io.berth.reconciler.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A fixed host port a task needs, per protocol: tcp/8080 and udp/8080 do not clash. */
public record HostPort(int port, String protocol) {

    /** tcp before udp, then by number: how lists of ports are shown and stored. */
    public static final Comparator<HostPort> ORDER = Comparator.comparing(HostPort::protocol)
            .thenComparingInt(HostPort::port);

    @Override
    public String toString() {
        return port + "/" + protocol;
    }

    /** {@code "22/tcp,53/udp"}, ordered; the empty string for none. What {@link #parseList} reads back. */
    public static String formatList(Collection<HostPort> ports) {
        List<HostPort> sorted = new ArrayList<>(ports);
        sorted.sort(ORDER);
        return String.join(",", sorted.stream().map(HostPort::toString).toList());
    }

    /**
     * Reads what {@link #formatList} wrote.
     *
     * @throws IllegalArgumentException on anything else, naming the bad element
     */
    public static Set<HostPort> parseList(String text) {
        Set<HostPort> ports = new LinkedHashSet<>();
        if (text.isBlank()) {
            return ports;
        }
        for (String item : text.split(",")) {
            String[] parts = item.trim().split("/");
            if (parts.length != 2 || !(parts[1].equals("tcp") || parts[1].equals("udp"))) {
                throw new IllegalArgumentException("not a host port like 22/tcp: \"" + item + "\"");
            }
            try {
                ports.add(new HostPort(Integer.parseInt(parts[0]), parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a host port like 22/tcp: \"" + item + "\"", e);
            }
        }
        return ports;
    }
}
