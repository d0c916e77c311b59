package io.berth.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Berth's entry point. Entities and repositories live in the db module's package {@code io.berth.db},
 * outside this package, hence the explicit scans.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EntityScan("io.berth.db")
@EnableJpaRepositories("io.berth.db")
public class BerthApplication {

    public static void main(String[] args) {
        SpringApplication.run(BerthApplication.class, args);
    }
}
