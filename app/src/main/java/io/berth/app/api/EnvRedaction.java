package io.berth.app.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks the values of environment variables whose names look secret ({@code berth.redaction.env-patterns}: globs,
 * {@code *} any run of characters, matched case-insensitively against the whole name) in what the API shows. The
 * values are stored and given to containers as written: this keeps them off screens and out of logs of API clients,
 * it is not a secret store (use a Secret and {@code secrets} for that).
 */
@Component
public class EnvRedaction {

    public static final String MASK = "******";

    private final List<Pattern> patterns;

    public EnvRedaction(@Value("${berth.redaction.env-patterns:*PASSWORD*,*TOKEN*,*SECRET*,*KEY*}") List<String> globs) {
        this.patterns = globs.stream().map(String::strip).filter(g -> !g.isEmpty()).map(EnvRedaction::compile).toList();
    }

    static Pattern compile(String glob) {
        String[] parts = glob.toUpperCase(Locale.ROOT).split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    public boolean masks(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> p.matcher(upper).matches());
    }

    /** The environment with the values of secret-looking names replaced by {@link #MASK}; order kept. */
    public Map<String, String> redact(Map<String, String> environment) {
        Map<String, String> shown = new LinkedHashMap<>();
        environment.forEach((name, value) -> shown.put(name, masks(name) ? MASK : value));
        return shown;
    }
}
