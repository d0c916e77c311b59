package io.berth.app.manifest;

import java.util.regex.Pattern;

/** Naming rules shared by families, services, clusters and containers (ECS's family rule). */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}");
    static final String RULE = "must be 1-255 letters, digits, '-' or '_', starting with a letter or digit";

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Reports {@code name} at {@code path} unless it is valid. */
    static void check(String name, String path, ErrorCollector errors) {
        if (!isValid(name)) {
            errors.reject(path, RULE + ", got \"" + name + "\"");
        }
    }
}
