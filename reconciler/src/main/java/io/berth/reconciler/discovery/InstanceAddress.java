package io.berth.reconciler.discovery;

import io.berth.reconciler.model.ContainerInstance;

/**
 * The address other hosts reach an instance's published ports on: the host of its {@code tcp://HOST:PORT} engine
 * endpoint, which is how the instance was registered and what load balancers route to.
 */
public final class InstanceAddress {

    private InstanceAddress() {
    }

    /** tcp://HOST:PORT -> HOST; null for a local socket (unix://, npipe://), which has no address of its own. */
    public static String ofEndpoint(String endpoint) {
        if (endpoint == null || !endpoint.startsWith("tcp://")) {
            return null;
        }
        String rest = endpoint.substring("tcp://".length());
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            return close > 0 ? rest.substring(1, close) : null;
        }
        int colon = rest.lastIndexOf(':');
        String host = colon > 0 ? rest.substring(0, colon) : rest;
        return host.isEmpty() ? null : host;
    }

    /** As {@link #ofEndpoint}, with {@code localAddress} for an engine on a local socket (the host Berth runs on). */
    public static String of(ContainerInstance instance, String localAddress) {
        String a = ofEndpoint(instance.endpoint());
        return a != null ? a : localAddress;
    }
}
