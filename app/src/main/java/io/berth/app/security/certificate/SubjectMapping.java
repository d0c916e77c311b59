package io.berth.app.security.certificate;

import javax.security.auth.x500.X500Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Certificate subject → roles and clusters. Subjects are compared in RFC 2253 form as {@link X500Principal} prints
 * it, so {@code "CN=ci-runner, O=berth"} in the settings matches the certificate's {@code CN=ci-runner,O=berth};
 * otherwise the match is exact (attribute order and case of values count).
 */
final class SubjectMapping {

    private static final String SUBJECTS = "berth.security.client-certificates.subjects";
    private static final String CLUSTERS = "berth.security.client-certificates.subject-clusters";

    private final Map<String, Grant> grants;

    private SubjectMapping(Map<String, Grant> grants) {
        this.grants = grants;
    }

    /** @throws IllegalArgumentException naming the setting and the subject that is not usable */
    static SubjectMapping of(Map<String, List<String>> subjects, Map<String, List<String>> subjectClusters) {
        Map<String, Set<String>> clusters = new HashMap<>();
        subjectClusters.forEach((subject, names) -> clusters.put(rfc2253(CLUSTERS, subject),
                names(CLUSTERS + "[" + subject + "]", "cluster", names)));
        Map<String, Grant> grants = new HashMap<>();
        subjects.forEach((subject, roles) -> {
            String normalized = rfc2253(SUBJECTS, subject);
            if (grants.containsKey(normalized)) {
                throw new IllegalArgumentException(SUBJECTS + ": '" + normalized + "' is listed twice");
            }
            grants.put(normalized, new Grant(names(SUBJECTS + "[" + subject + "]", "role", roles),
                    clusters.getOrDefault(normalized, Set.of())));
        });
        for (String subject : clusters.keySet()) {
            if (!grants.containsKey(subject)) {
                throw new IllegalArgumentException(CLUSTERS + ": '" + subject + "' has no " + SUBJECTS
                        + " entry, so its clusters would limit nothing");
            }
        }
        return new SubjectMapping(Map.copyOf(grants));
    }

    Optional<Grant> grant(X500Principal subject) {
        return Optional.ofNullable(grants.get(subject.getName(X500Principal.RFC2253)));
    }

    boolean isEmpty() {
        return grants.isEmpty();
    }

    private static String rfc2253(String setting, String subject) {
        if (!subject.contains("=")) {
            throw new IllegalArgumentException(setting + ": '" + subject + "' is not a distinguished name. Write "
                    + "subjects as map keys in brackets and quotes, \"[CN=ci-runner,O=berth]\": without them the "
                    + "settings binder drops '=' and ','");
        }
        try {
            return new X500Principal(subject.strip()).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": '" + subject + "' is not a distinguished name: "
                    + e.getMessage());
        }
    }

    private static Set<String> names(String setting, String what, List<String> names) {
        Set<String> result = new TreeSet<>();
        for (String name : names == null ? List.<String>of() : names) {
            if (name != null && !name.isBlank()) {
                result.add(name.strip());
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(setting + ": name at least one " + what);
        }
        return Set.copyOf(result);
    }

    /** @param clusters empty means every cluster, as in {@code Caller} */
    record Grant(Set<String> roles, Set<String> clusters) {
    }
}
