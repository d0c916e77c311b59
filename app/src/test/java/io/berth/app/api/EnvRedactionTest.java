package io.berth.app.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which environment names are masked: case-insensitive globs over the whole name. */
class EnvRedactionTest {

    private final EnvRedaction defaults = new EnvRedaction(List.of("*PASSWORD*", "*TOKEN*", "*SECRET*", "*KEY*"));

    @ParameterizedTest
    @CsvSource({"DB_PASSWORD, true", "db_password, true", "PASSWORD, true", "API_TOKEN, true", "client_secret, true",
            "AWS_ACCESS_KEY_ID, true", "KEYCLOAK_URL, true", "MONKEY, true", "PORT, false", "LOG_LEVEL, false",
            "PASSWD, false", "TOKE, false"})
    void defaultPatterns(String name, boolean masked) {
        assertThat(defaults.masks(name)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource({"DB_*, DB_HOST, true", "DB_*, MY_DB_HOST, false", "*_PASS, SMTP_PASS, true", "*_PASS, SMTP_PASSWORD, false",
            "EXACT, exact, true", "EXACT, EXACTLY, false", "A*B*C, AxxBxxC, true", "A.C, ABC, false", "A.C, a.c, true"})
    void globsMatchTheWholeName(String glob, String name, boolean masked) {
        assertThat(new EnvRedaction(List.of(glob)).masks(name)).isEqualTo(masked);
    }

    @Test
    void redactKeepsOrderAndNamesAndMasksOnlyMatches() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", "8080");
        env.put("DB_PASSWORD", "hunter2");
        env.put("LOG", "debug");
        assertThat(defaults.redact(env)).containsExactly(Map.entry("PORT", "8080"),
                Map.entry("DB_PASSWORD", EnvRedaction.MASK), Map.entry("LOG", "debug"));
        assertThat(new EnvRedaction(List.of(" ", "")).redact(env)).isEqualTo(env);
    }
}
