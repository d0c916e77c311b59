package io.berth.app.security.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a request does to a resource, Kubernetes-style. Written in lower case in roles and messages. */
public enum Verb {
    GET, LIST, WATCH, CREATE, UPDATE, DELETE,
    /** Run a command in a running container (tasks): a shell there reads what the container reads. */
    EXEC;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Verb> parse(String text) {
        return Arrays.stream(values()).filter(v -> v.wire().equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return wire();
    }
}
