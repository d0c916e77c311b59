package io.berth.bench.simcluster;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** Berth's persistence as the server configures it (JPA, Flyway migrations, Hikari), without the web and the loop. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EntityScan("io.berth.db")
@EnableJpaRepositories("io.berth.db")
public class BenchApplication {
}
