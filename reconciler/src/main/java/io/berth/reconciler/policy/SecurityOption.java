package io.berth.reconciler.policy;

import java.util.Optional;
import java.util.Set;

/**
 * One of Docker's security options, "key=value" or ECS's "key:value" (Docker accepts both). Pure.
 *
 * @param value null for a bare key ("no-new-privileges")
 */
public record SecurityOption(String key, String value) {

    /** What Docker understands; "systempaths=unconfined" unmasks /proc and /sys paths. */
    public static final Set<String> KEYS = Set.of("no-new-privileges", "seccomp", "apparmor", "label", "systempaths");

    /** The known option, or empty for anything Docker would not understand. */
    public static Optional<SecurityOption> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int at = indexOfSeparator(text);
        String key = at < 0 ? text : text.substring(0, at);
        String value = at < 0 ? null : text.substring(at + 1);
        if (!KEYS.contains(key)) {
            return Optional.empty();
        }
        if (key.equals("no-new-privileges")) {
            return value == null || value.equals("true") || value.equals("false")
                    ? Optional.of(new SecurityOption(key, value)) : Optional.empty();
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new SecurityOption(key, value));
    }

    private static int indexOfSeparator(String text) {
        int eq = text.indexOf('=');
        int colon = text.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    /** Turns a confinement off: a seccomp, AppArmor or masked-paths profile "unconfined", or SELinux "disable". */
    public boolean unconfined() {
        return switch (key) {
            case "seccomp", "apparmor", "systempaths" -> "unconfined".equals(value);
            case "label" -> "disable".equals(value);
            default -> false;
        };
    }

    /** A profile given as a file of the host. */
    public boolean hostPath() {
        return (key.equals("seccomp") || key.equals("apparmor")) && value != null && value.startsWith("/");
    }
}
