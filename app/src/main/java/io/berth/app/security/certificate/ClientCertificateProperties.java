package io.berth.app.security.certificate;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * Which certificate subjects may call, as what ({@code berth.security.client-certificates.*}). A subject holds
 * {@code =} and {@code ,}, which Spring's binding drops from a map key unless the key is in brackets:
 * {@code "[CN=ci-runner,O=berth]": deployer}; {@link SubjectMapping} stops the start when a key lost them.
 *
 * @param subjects        RFC 2253 subject → role names
 * @param subjectClusters RFC 2253 subject → the clusters its roles are limited to; none means every cluster
 */
@ConfigurationProperties("berth.security.client-certificates")
public record ClientCertificateProperties(Map<String, List<String>> subjects,
                                          Map<String, List<String>> subjectClusters) {

    public ClientCertificateProperties {
        subjects = subjects == null ? Map.of() : subjects;
        subjectClusters = subjectClusters == null ? Map.of() : subjectClusters;
    }
}
