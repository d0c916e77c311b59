package io.berth.app;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Locale;
import java.util.Map;

/**
 * {@code berth.log-format} (env {@code BERTH_LOG_FORMAT}): {@code text} (default) or {@code json}, the one switch the
 * scripts, the compose file and the Helm chart set. {@code json} turns on Spring Boot's structured console logging
 * in Elastic Common Schema (one JSON object per line, MDC and key-value pairs included); {@code ecs},
 * {@code logstash} and {@code gelf} pick a schema. An explicit {@code logging.structured.format.console} wins.
 *
 * <p>An environment post-processor, not a property placeholder: logging is configured before any bean exists, and
 * a placeholder could not turn "json" into a schema name or reject a typo with a clear message.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "berth.log-format";
    static final String STRUCTURED = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String value = environment.getProperty(PROPERTY, "text").strip().toLowerCase(Locale.ROOT);
        String schema = switch (value) {
            case "", "text" -> null;
            case "json", "ecs" -> "ecs";
            case "logstash", "gelf" -> value;
            default -> throw new IllegalArgumentException(PROPERTY + " (BERTH_LOG_FORMAT) must be text, json, ecs, "
                    + "logstash or gelf, not \"" + value + "\"");
        };
        if (schema != null && !environment.containsProperty(STRUCTURED)) {
            environment.getPropertySources().addLast(new MapPropertySource("berthLogFormat", Map.of(STRUCTURED, schema)));
        }
    }

    /** After the config files are read, so that berth.log-format may be set there too; before logging starts. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
