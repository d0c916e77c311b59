package io.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.HashMap;
import java.util.Map;

/** BERTH_LOG_FORMAT → Spring Boot's structured console format (the end-to-end check is JsonLogsIT). */
class LogFormatEnvironmentPostProcessorTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
        return environment;
    }

    private static String structuredFormat(Map<String, Object> properties) {
        StandardEnvironment environment = environment(properties);
        new LogFormatEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("logging.structured.format.console");
    }

    @ParameterizedTest
    @CsvSource({"json, ecs", "JSON, ecs", "ecs, ecs", "logstash, logstash", "gelf, gelf"})
    void structuredFormats(String value, String schema) {
        assertThat(structuredFormat(Map.of("berth.log-format", value))).isEqualTo(schema);
    }

    @Test
    void textAndUnsetLeaveThePlainFormat() {
        assertThat(structuredFormat(Map.of())).isNull();
        assertThat(structuredFormat(Map.of("berth.log-format", "text"))).isNull();
    }

    @Test
    void anExplicitSpringSettingWins() {
        assertThat(structuredFormat(Map.of("berth.log-format", "json", "logging.structured.format.console", "logstash")))
                .isEqualTo("logstash");
    }

    @Test
    void aTypoIsAClearErrorNamingTheSetting() {
        assertThatThrownBy(() -> structuredFormat(Map.of("berth.log-format", "jsn")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("berth.log-format (BERTH_LOG_FORMAT) must be text, json, ecs, logstash or gelf, not \"jsn\"");
    }
}
