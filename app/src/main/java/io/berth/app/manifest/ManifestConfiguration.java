package io.berth.app.manifest;

import io.berth.app.web.ApiLimits;
import io.berth.reconciler.store.ServiceSpecJson;
import io.berth.reconciler.store.SpecJson;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The manifest parser and the spec codec are stateless and thread-safe: one of each serves every request. */
@Configuration(proxyBeanMethods = false)
public class ManifestConfiguration {

    @Bean
    ManifestParser manifestParser(ApiLimits api) {
        return new ManifestParser(api.maxDocuments());
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
