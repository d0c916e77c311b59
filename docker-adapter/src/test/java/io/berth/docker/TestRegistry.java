package io.berth.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The private registry of {@code scripts/ensure-test-registry.sh} (distribution v2 with htpasswd basic auth on
 * 127.0.0.1), for tests of pulls with credentials against a real registry. {@link #ensure()} runs the script, which
 * is idempotent: it installs and starts the registry on a fresh machine and answers at once when it is up.
 *
 * @param registry "127.0.0.1:PORT", the serverAddress of a credential
 * @param image    a private image in it ("127.0.0.1:PORT/berth-e2e/private:1"), absent locally after the script
 */
public record TestRegistry(String registry, String username, String password, String image) {

    public static TestRegistry ensure() {
        Path script = scripts().resolve("ensure-test-registry.sh");
        String envFile = run(script.toString()).strip();
        Map<String, String> env = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of(envFile), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + envFile + " written by " + script, e);
        }
        return new TestRegistry(env.get("REGISTRY"), env.get("USERNAME"), env.get("PASSWORD"), env.get("IMAGE"));
    }

    /** Removes the local copy of {@link #image()}, so that the next use must pull it again. */
    public void removeLocalImage() {
        run("docker", "image", "rm", "-f", image);
    }

    /** Never prints the password: test reports and logs must not show it either. */
    @Override
    public String toString() {
        return "TestRegistry[" + registry + ", " + username + ", ****, " + image + "]";
    }

    /** The repository's scripts folder, from a module's directory (Maven runs tests there) or the root. */
    private static Path scripts() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/ensure-test-registry.sh");
            if (Files.isExecutable(candidate)) {
                return candidate.getParent();
            }
        }
        throw new IllegalStateException("scripts/ensure-test-registry.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static String run(String... command) {
        try {
            // docker's "No such image" on removing an absent image is expected: not worth a line in the report.
            Process p = new ProcessBuilder(command).redirectError(command[0].equals("docker")
                    ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // A fresh machine installs docker-registry with apt: minutes, not forever.
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 10 minutes");
            }
            if (p.exitValue() != 0 && !command[0].equals("docker")) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
