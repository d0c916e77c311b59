package io.berth.app.manifest;

import org.springframework.beans.factory.annotation.Value;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.SpecJson;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The manifest parser and the spec codec are stateless and thread-safe: one of each serves every request. */
@Configuration(proxyBeanMethods = false)
public class ManifestConfiguration {

    /** @param maxDocuments {@code berth.api.max-documents}, read here by name so that parsing depends on no web class */
    @Bean
    ManifestParser manifestParser(@Value("${berth.api.max-documents:500}") int maxDocuments) {
        return new ManifestParser(maxDocuments);
    }

    @Bean
    SpecJson specJson() {
        return new SpecJson();
    }

    @Bean
    ServiceSpecJson serviceSpecJson() {
        return new ServiceSpecJson();
    }
}
