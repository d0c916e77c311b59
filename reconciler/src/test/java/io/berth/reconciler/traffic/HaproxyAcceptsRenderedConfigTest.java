package io.berth.reconciler.traffic;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * HAProxy itself is the judge of the renderer: the table cases and 200 generated models are written to a directory
 * and checked with {@code haproxy -c} inside ONE container of the image load balancers run (a few seconds in all,
 * instead of a container start per case). Any rejection fails with the configuration and HAProxy's words.
 * The image comes from scripts/ensure-haproxy-image.sh (scripts/test.sh runs it).
 */
@Tag("docker")
class HaproxyAcceptsRenderedConfigTest {

    private static final int GENERATED = 200;
    private static final String LABEL = "berth.test=haproxy-config-check";

    @Test
    void haproxyAcceptsEveryRenderedConfiguration(@TempDir Path dir) throws Exception {
        Map<String, String> configs = new LinkedHashMap<>();
        HaproxyConfigRendererTest.cases().forEach(c -> configs.put("table-" + configs.size(),
                HaproxyConfigRenderer.render(c.lb(), c.groups(), c.targets())));
        TrafficArbitraries.models().sampleStream().limit(GENERATED)
                .forEach(m -> configs.put("generated-" + configs.size(), m.render()));
        for (var e : configs.entrySet()) {
            Files.writeString(dir.resolve(e.getKey() + ".cfg"), e.getValue(), StandardCharsets.UTF_8);
        }
        // The container runs as root: the directory must be readable whatever the owner of the test process.
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);

        long started = System.nanoTime();
        // The state file Berth saves before a reload; "1" is an empty one (a missing file is a warning).
        String script = "printf '1\\n' > /run/haproxy/server-state; for f in /configs/*.cfg; do out=$(haproxy -c -f \"$f\" 2>&1); rc=$?; "
                + "printf '### %s %s\\n%s\\n' \"$(basename \"$f\" .cfg)\" \"$rc\" \"$out\"; done; echo '### end'";
        List<String> command = List.of("docker", "run", "--rm", "--label", LABEL, "--network", "none",
                "-v", dir.toAbsolutePath() + ":/configs:ro", HaproxySettings.IMAGE, "sh", "-c", script);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("haproxy -c did not finish within 120 s");
        }
        assertThat(p.exitValue()).as("docker run: %s (image from scripts/ensure-haproxy-image.sh)", output)
                .isZero();
        Map<String, String> results = parse(output);
        assertThat(results.keySet()).as(output).containsExactlyInAnyOrderElementsOf(configs.keySet());
        List<String> rejected = new ArrayList<>();
        for (var e : results.entrySet()) {
            String[] statusAndText = e.getValue().split("\n", 2);
            if (!statusAndText[0].equals("0")) {
                rejected.add(e.getKey() + " (exit " + statusAndText[0] + "):\n" + statusAndText[1]
                        + "\n--- configuration ---\n" + configs.get(e.getKey()));
            }
            // Warnings are defects of the renderer too: a warning today is an error in a later HAProxy.
            String text = statusAndText.length > 1 ? statusAndText[1] : "";
            if (text.contains("[WARNING]")) {
                rejected.add(e.getKey() + " (warning):\n" + text + "\n--- configuration ---\n" + configs.get(e.getKey()));
            }
        }
        System.out.printf("haproxy -c: %d configurations (%d table, %d generated) checked in one container in %d ms%n",
                configs.size(), configs.size() - GENERATED, GENERATED, (System.nanoTime() - started) / 1_000_000);
        if (!rejected.isEmpty()) {
            fail(rejected.size() + " configuration(s) rejected by HAProxy; the first:\n" + rejected.getFirst());
        }
    }

    /** "### NAME RC" then HAProxy's output, per configuration; the block's first line is the exit code. */
    private static Map<String, String> parse(String output) throws IOException {
        Map<String, String> results = new LinkedHashMap<>();
        String name = null;
        StringBuilder text = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.startsWith("### ")) {
                if (name != null) {
                    results.put(name, text.toString());
                }
                String[] parts = line.substring(4).split(" ");
                name = parts[0].equals("end") ? null : parts[0];
                text = new StringBuilder(parts.length > 1 ? parts[1] : "").append('\n');
            } else if (name != null) {
                text.append(line).append('\n');
            }
        }
        return results;
    }
}
