package io.berth.app.manifest;

import io.berth.reconciler.model.ServiceSpec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules a service spec must follow. */
public final class ServiceSpecValidator {

    private static final java.time.Duration MAX_BACKOFF = java.time.Duration.ofHours(24);
    private static final Pattern REF = Pattern.compile("([^:]*)(?::([0-9]*))?");

    public void validate(ServiceSpec spec, String path, ErrorCollector errors) {
        taskDefinitionRef(spec.taskDefinition(), path + ".taskDefinition", errors);
        if (spec.healthCheckGracePeriod().isNegative()) {
            errors.reject(path + ".healthCheckGracePeriod", "must not be negative");
        }
        var deployment = spec.deployment();
        if (deployment.minimumHealthyPercent() < 0 || deployment.minimumHealthyPercent() > 100) {
            errors.reject(path + ".deployment.minimumHealthyPercent", "must be between 0 and 100");
        }
        if (deployment.maximumPercent() < 100 || deployment.maximumPercent() > 1000) {
            errors.reject(path + ".deployment.maximumPercent", "must be between 100 and 1000");
        }
        if (deployment.minHealthyTime().isNegative()) {
            errors.reject(path + ".deployment.minHealthyTime", "must not be negative");
        }
        // Zero would fail every rollout at once; the reader cannot produce a negative duration.
        if (!deployment.progressDeadline().isPositive()) {
            errors.reject(path + ".deployment.progressDeadline", "must be greater than 0");
        }
        Integer threshold = deployment.circuitBreaker().threshold();
        if (threshold != null && threshold < 1) {
            errors.reject(path + ".deployment.circuitBreaker.threshold", "must be >= 1");
        }
        var backoff = deployment.backoff();
        if (backoff != null) {
            // Zero would relaunch a crash loop as fast as the engine allows: exactly what the backoff is for.
            if (!backoff.initial().isPositive()) {
                errors.reject(path + ".deployment.backoff.initial", "must be greater than 0");
            }
            if (backoff.max().compareTo(backoff.initial()) < 0) {
                errors.reject(path + ".deployment.backoff.max", "must be at least backoff.initial ("
                        + DurationText.format(backoff.initial()) + ")");
            }
            if (backoff.max().compareTo(MAX_BACKOFF) > 0) {
                errors.reject(path + ".deployment.backoff.max", "must be at most 24h");
            }
        }
        if (spec.desiredCount() < 0) {
            errors.reject(path + ".desiredCount", "must be >= 0");
        }
    }

    /** {@code family} or {@code family:N} with N >= 1, so that {@code TaskDefinitionRef.parse} cannot fail. */
    static void taskDefinitionRef(String ref, String path, ErrorCollector errors) {
        Matcher matcher = REF.matcher(ref);
        boolean valid = matcher.matches() && Names.isValid(matcher.group(1))
                && (matcher.group(2) == null || validRevision(matcher.group(2)));
        if (!valid) {
            errors.reject(path, "must be \"family\" or \"family:revision\" with revision >= 1, got \"" + ref + "\"");
        }
    }

    private static boolean validRevision(String digits) {
        if (digits.isEmpty() || digits.length() > 9) {
            return false;
        }
        return Integer.parseInt(digits) >= 1;
    }
}
