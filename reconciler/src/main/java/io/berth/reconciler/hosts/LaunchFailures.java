package io.berth.reconciler.hosts;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what an engine says when a container cannot be pulled, created or started into a task's stoppedReason: ECS's
 * error name first (CannotPullContainerError, CannotCreateContainerError, CannotStartContainerError), then what went
 * wrong in words a user acts on — the command that does not exist, the host port that is taken, the registry that
 * refused the credentials — and Docker's own message last, for the details. Pure.
 */
public final class LaunchFailures {

    private static final Pattern EXEC_MISSING = Pattern.compile(
            "exec: \"([^\"]+)\": (?:stat [^:]+: )?(no such file or directory|executable file not found in \\$PATH)");
    private static final Pattern EXEC_DENIED = Pattern.compile("exec: \"([^\"]+)\": permission denied");
    private static final Pattern PORT_TAKEN = Pattern.compile("Bind for ([^ ]*):(\\d+) failed: port is already allocated");
    private static final Pattern PORT_TAKEN_OTHER = Pattern.compile("(?:listen tcp|listen udp)[^:]*:(\\d+): bind: address already in use");
    /** docker-adapter's "start ID on ENDPOINT: " prefix and " (HTTP 500)" suffix carry nothing for the user. */
    private static final Pattern ADAPTER_PREFIX = Pattern.compile("^(?:start|create) \\S+ on \\S+: ");
    private static final Pattern HTTP_SUFFIX = Pattern.compile(" \\(HTTP \\d{3}\\)$");

    private LaunchFailures() {
    }

    public static String cannotPull(String image, String engineMessage) {
        String detail = clean(engineMessage);
        String lower = detail.toLowerCase(Locale.ROOT);
        String what;
        if (lower.contains("pull access denied")) {
            // Docker Hub's answer both for a repository that does not exist and for one that needs a login.
            what = "image " + image + " was not found, or its registry requires credentials";
        } else if (lower.contains("unauthorized") || lower.contains("authentication required") || lower.contains("no basic auth")
                || lower.contains("denied: ") || lower.contains("incorrect username or password")) {
            what = "the registry refused the credentials for " + image + " (registry authentication failed)";
        } else if (lower.contains("no such host") || lower.contains("dial tcp") || lower.contains("i/o timeout")
                || lower.contains("connection refused") || lower.contains("unreachable")) {
            what = "image " + image + " is not on the host and its registry cannot be reached";
        } else if (lower.contains("manifest unknown") || lower.contains("not found") || lower.contains("does not exist")) {
            what = "image " + image + " was not found";
        } else {
            what = "image " + image + " could not be pulled";
        }
        return "CannotPullContainerError: " + what + ": " + detail;
    }

    public static String cannotCreate(String engineMessage) {
        return "CannotCreateContainerError: " + clean(engineMessage);
    }

    public static String cannotStart(String engineMessage) {
        String detail = clean(engineMessage);
        Matcher missing = EXEC_MISSING.matcher(detail);
        if (missing.find()) {
            return "CannotStartContainerError: command not found in the image: \"" + missing.group(1) + "\" ("
                    + missing.group(2) + ")";
        }
        Matcher denied = EXEC_DENIED.matcher(detail);
        if (denied.find()) {
            return "CannotStartContainerError: command is not executable: \"" + denied.group(1) + "\" (permission denied)";
        }
        Matcher port = PORT_TAKEN.matcher(detail);
        if (port.find()) {
            return "CannotStartContainerError: host port " + port.group(2) + " is already in use on the host ("
                    + port.group(1) + ":" + port.group(2) + " is allocated to another container)";
        }
        Matcher other = PORT_TAKEN_OTHER.matcher(detail);
        if (other.find()) {
            return "CannotStartContainerError: host port " + other.group(1)
                    + " is already in use on the host (another process listens on it)";
        }
        return "CannotStartContainerError: " + detail;
    }

    private static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "the engine gave no reason";
        }
        String m = ADAPTER_PREFIX.matcher(message.strip()).replaceFirst("");
        return HTTP_SUFFIX.matcher(m).replaceFirst("");
    }
}
