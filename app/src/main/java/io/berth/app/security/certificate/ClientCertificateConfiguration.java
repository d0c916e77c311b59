package io.berth.app.security.certificate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The client certificate authenticator, when at least one subject is mapped. The mapping is checked at start so
 * that a subject the binder mangled stops Berth with a message rather than refusing the machine later.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ClientCertificateConfiguration.SubjectsConfigured.class)
public class ClientCertificateConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClientCertificateConfiguration.class);

    @Bean
    ClientCertificateAuthenticator clientCertificateAuthenticator(ClientCertificateProperties properties,
                                                                  Clock clock) {
        SubjectMapping subjects = SubjectMapping.of(properties.subjects(), properties.subjectClusters());
        log.info("TLS client certificates accepted for {} subject(s); the API must be served over HTTPS with "
                + "server.ssl.client-auth want and a client CA (berth.api.tls.client-ca)", properties.subjects().size());
        return new ClientCertificateAuthenticator(subjects, clock);
    }

    /** On when {@code berth.security.client-certificates.subjects} has at least one entry. */
    static final class SubjectsConfigured implements Condition {
        private static final Bindable<Map<String, List<String>>> SUBJECTS = Bindable.of(
                ResolvableType.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
                        ResolvableType.forClassWithGenerics(List.class, String.class)));

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("berth.security.client-certificates.subjects", SUBJECTS)
                    .map(Map::isEmpty).map(empty -> !empty).orElse(false);
        }
    }
}
