package io.berth.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the server is and which token to send, each taken from the first place that has it:
 * <ul>
 * <li>server: {@code --server}, {@code BERTH_URL}, {@code server=} in the config file, {@code http://localhost:8080};</li>
 * <li>token: {@code --token}, {@code BERTH_TOKEN}, {@code token=} in the config file,
 *     {@code ~/.berth/admin-token} (written by a local server).</li>
 * </ul>
 * The config file is {@code $XDG_CONFIG_HOME/berth/config}, by default {@code ~/.config/berth/config}:
 * {@code key=value} lines, {@code #} comments.
 *
 * @param tokenSource where the token came from, for error hints; null when there is none
 */
public record ClientConfig(String server, String token, String tokenSource) {

    public static final String DEFAULT_SERVER = "http://localhost:8080";

    public static ClientConfig resolve(String serverFlag, String tokenFlag, CliContext context) {
        Path configFile = configFile(context);
        Map<String, String> file = readConfig(configFile);
        String server = firstNonBlank(serverFlag, context.env().get("BERTH_URL"), file.get("server"), DEFAULT_SERVER);
        server = server.strip();
        while (server.endsWith("/")) {
            server = server.substring(0, server.length() - 1);
        }
        if (!server.contains("://")) {
            server = "http://" + server;
        }
        if (notBlank(tokenFlag)) {
            return new ClientConfig(server, tokenFlag.strip(), "--token");
        }
        if (notBlank(context.env().get("BERTH_TOKEN"))) {
            return new ClientConfig(server, context.env().get("BERTH_TOKEN").strip(), "BERTH_TOKEN");
        }
        if (notBlank(file.get("token"))) {
            return new ClientConfig(server, file.get("token"), configFile.toString());
        }
        Path adminToken = context.home().resolve(".berth").resolve("admin-token");
        if (Files.isReadable(adminToken)) {
            try {
                String token = Files.readString(adminToken, StandardCharsets.UTF_8).strip();
                if (!token.isEmpty()) {
                    return new ClientConfig(server, token, adminToken.toString());
                }
            } catch (IOException e) {
                // unreadable after all: go on without a token, the server will say it is missing
            }
        }
        return new ClientConfig(server, null, null);
    }

    static Path configFile(CliContext context) {
        String xdg = context.env().get("XDG_CONFIG_HOME");
        Path base = notBlank(xdg) ? Path.of(xdg) : context.home().resolve(".config");
        return base.resolve("berth").resolve("config");
    }

    static Map<String, String> readConfig(Path file) {
        Map<String, String> values = new HashMap<>();
        if (!Files.isReadable(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                int eq = trimmed.indexOf('=');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
                    continue;
                }
                values.put(trimmed.substring(0, eq).strip(), unquote(trimmed.substring(eq + 1).strip()));
            }
        } catch (IOException e) {
            // an unreadable config file counts as none
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (notBlank(value)) {
                return value;
            }
        }
        return null;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
