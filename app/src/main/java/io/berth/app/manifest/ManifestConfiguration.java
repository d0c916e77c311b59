package io.berth.app.manifest;

import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.SpecJson;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The manifest parser and the spec codec are stateless and thread-safe: one of each serves every request. */
@Configuration(proxyBeanMethods = false)
public class ManifestConfiguration {

    @Bean
    ManifestParser manifestParser() {
        return new ManifestParser();
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
