package io.berth.app.e2e;

import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task page in a real headless Chromium against berth.jar on the real engine: a running task's containers'
 * logs arrive live (new lines without a reload, stderr marked, a container's {@code <b>x</b>} shown as text), and
 * with a cluster policy allowing exec a terminal (xterm.js over the exec WebSocket, authenticated by the console
 * session) runs a command and reports the shell's exit code; a viewer's page offers no terminal; a handshake from
 * another origin or without a session is refused. Prints the time from a line's write (the engine's timestamp) to
 * its arrival on the page. Screenshots task-logs and task-terminal go to target/screenshots/.
 */
@Tag("docker")
class ConsoleTaskBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String PREFIX = "e2e-uitask-";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DockerEngine docker;
    private static BerthProcess berth;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("console-task", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=1s"), "consoletask");
        berth.start();
        browser = HeadlessChromium.open(1280, 1400);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (berth != null) {
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.task-definition", PREFIX);
            docker.close();
        }
    }

    private static void screenshot(String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    private static void signIn(String token) {
        browser.get(berth.url() + "/ui/sign-in");
        browser.findElement(By.id("token")).sendKeys(token);
        BrowserClicks.clickAndLoad(browser, By.id("sign-in"));
        assertThat(browser.getCurrentUrl()).endsWith("/ui/clusters");
    }

    /** The terminal's buffer as text lines (xterm's own model of the screen and scrollback). */
    @SuppressWarnings("unchecked")
    private static List<String> terminalLines() {
        return (List<String>) script("const t = document.getElementById('terminal-ticker').berthTerminal;"
                + "if (!t) return []; const b = t.buffer.active; const out = [];"
                + "for (let i = 0; i < b.length; i++) { out.push(b.getLine(i).translateToString(true)); } return out;");
    }

    @Test
    void logsArriveLiveAsTextAndTheTerminalRunsACommandWithTheSessionOnly() throws Exception {
        long started = System.nanoTime();
        String family = PREFIX + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> applied = berth.send("POST", "/v1/apply", "application/yaml", """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %s}
                spec:
                  containers:
                    - name: ticker
                      image: busybox:1.36
                      command: [sh, -c, 'i=0; while true; do i=$((i+1)); echo "tick-$i"; if [ $((i %% 5)) -eq 0 ]; then echo "warn-$i" >&2; fi; sleep 0.2; done']
                      memory: 16
                    - name: html
                      image: busybox:1.36
                      command: [sh, -c, 'echo "<b>x</b>"; echo "<img src=x id=injected>"; exec sleep 600']
                      memory: 16
                """.formatted(family));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        HttpResponse<String> run = berth.send("POST", "/v1/clusters/default/tasks", "application/json",
                "{\"taskDefinition\": \"%s\"}".formatted(family));
        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        String id = JSON.readTree(run.body()).get("tasks").get(0).get("id").asString();
        Await.until(Duration.ofSeconds(60), "task " + id + " RUNNING", () -> "RUNNING".equals(
                berth.getJson("/v1/clusters/default/tasks/" + id).get("lastStatus").asString()));
        HttpResponse<String> policy = berth.send("PUT", "/v1/clusters/default/policy", "application/json",
                "{\"allowExec\":true}");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        String taskPage = berth.url() + "/ui/clusters/default/tasks/" + id;

        signIn(BerthProcess.TOKEN);
        browser.get(taskPage);
        script("window.berthNoReload = true;");
        Instant opened = Instant.now();
        // New lines keep arriving on the open page: the newest tick number grows without a reload.
        String lastTick = "return Array.from(document.querySelectorAll('#logs-ticker .line.out span'))"
                + ".map(s => s.textContent).filter(t => t.startsWith('tick-')).map(t => parseInt(t.slice(5), 10))"
                + ".reduce((a, b) => Math.max(a, b), 0);";
        Await.until(Duration.ofSeconds(15), "tick lines on the page", () -> ((Number) script(lastTick)).longValue() > 0);
        long first = ((Number) script(lastTick)).longValue();
        Await.until(Duration.ofSeconds(10), "tick lines after tick-" + first + " to arrive",
                () -> ((Number) script(lastTick)).longValue() >= first + 10);
        assertThat(script("return window.berthNoReload === true;")).as("the page was not reloaded").isEqualTo(true);
        assertThat(script("return document.querySelector('#logs-ticker .log-state').textContent;")).isEqualTo("Following");
        Await.until(Duration.ofSeconds(5), "a stderr line marked as such", () -> Boolean.TRUE.equals(script(
                "return Array.from(document.querySelectorAll('#logs-ticker .line.err span'))"
                        + ".some(s => s.textContent.startsWith('warn-'));")));
        assertThat(script("return Array.from(document.querySelectorAll('#logs-ticker .line.out span'))"
                + ".some(s => s.textContent.startsWith('warn-'));")).as("stderr lines are not shown as stdout").isEqualTo(false);

        // A container's markup is text on the page: shown literally, and no element made of it.
        Await.until(Duration.ofSeconds(10), "the html container's lines", () -> ((Number) script(
                "return document.querySelectorAll('#logs-html .line').length;")).intValue() >= 2);
        assertThat((String) script("return document.querySelector('#logs-html .log').textContent;"))
                .contains("<b>x</b>").contains("<img src=x id=injected>");
        assertThat(script("return document.querySelectorAll('#logs-html .log b, #injected').length;")).isEqualTo(0L);
        script("document.querySelector('#logs-ticker .show-times').click();");
        screenshot("task-logs");
        printLatency(opened);

        // The WebSocket takes the console session only from the console's own pages.
        Cookie session = browser.manage().getCookieNamed("berth_console");
        String socket = berth.url().replaceFirst("^http", "ws") + "/ui/clusters/default/tasks/" + id
                + "/containers/ticker/exec";
        assertThat(handshakeStatus(socket, "berth_console=" + session.getValue(), "http://evil.example")).isEqualTo(403);
        assertThat(handshakeStatus(socket, null, berth.url())).isEqualTo(401);

        // The terminal: a shell in the ticker container, typed into as a person would.
        browser.findElement(By.id("open-terminal-ticker")).click();
        Await.until(Duration.ofSeconds(15), "the terminal to connect", () -> String.valueOf(script(
                "return document.querySelector('#terminal-ticker .exit-code').textContent;")).startsWith("Connected"));
        Await.until(Duration.ofSeconds(10), "the shell's prompt", () -> terminalLines().stream().anyMatch(l -> !l.isBlank()));
        browser.findElement(By.cssSelector("#terminal-ticker .xterm-helper-textarea")).sendKeys("echo hi-$((40+2))\n");
        Await.until(Duration.ofSeconds(10), "hi-42 in the terminal (" + terminalLines() + ")",
                () -> terminalLines().stream().anyMatch(l -> l.strip().equals("hi-42")));
        screenshot("task-terminal");
        browser.findElement(By.cssSelector("#terminal-ticker .xterm-helper-textarea")).sendKeys("exit 3\n");
        Await.until(Duration.ofSeconds(10), "exit code 3 on the page", () -> "3".equals(script(
                "return document.querySelector('#terminal-ticker .exit-code').dataset.exitCode;")));
        assertThat((String) script("return document.querySelector('#terminal-ticker .exit-code').textContent;"))
                .isEqualTo("The shell exited with code 3.");
        assertThat(berth.getJson("/v1/audit?limit=20").toString()).contains("/containers/{name}/exec");

        // A viewer reads the logs but is offered no terminal, and is told why.
        String name = PREFIX + "viewer-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> token = berth.send("POST", "/v1/tokens", "application/json",
                "{\"name\":\"" + name + "\",\"role\":\"viewer\",\"clusters\":[\"default\"]}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        BrowserClicks.clickAndLoad(browser, By.id("sign-out"));
        signIn(JSON.readTree(token.body()).path("secret").asString());
        browser.get(taskPage);
        assertThat(browser.findElements(By.cssSelector(".open-terminal"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#container-ticker .no-terminal")).getText())
                .isEqualTo("No terminal: this token may not exec into tasks in cluster default.");
        Await.until(Duration.ofSeconds(10), "the viewer's log panel to follow",
                () -> ((Number) script(lastTick)).longValue() > 0);
        System.out.printf("ConsoleTaskBrowserIT took %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /** The time from each line's write (the engine's timestamp) to its arrival on the page, for lines written live. */
    @SuppressWarnings("unchecked")
    private static void printLatency(Instant opened) {
        List<Map<String, String>> rows = (List<Map<String, String>>) script(
                "return Array.from(document.querySelectorAll('#logs-ticker .line')).map(r => "
                        + "({t: r.querySelector('time').dateTime, seen: r.dataset.seen}));");
        List<Long> millis = new ArrayList<>();
        for (Map<String, String> row : rows) {
            if (row.get("t") == null || row.get("t").isEmpty()) {
                continue;
            }
            Instant written = Instant.parse(row.get("t"));
            if (written.isAfter(opened.plusSeconds(1))) { // written after the page was open: not the first tail
                millis.add(Duration.between(written, Instant.parse(row.get("seen"))).toMillis());
            }
        }
        assertThat(millis).as("lines written while the page was open").isNotEmpty();
        Collections.sort(millis);
        System.out.printf("Console logs: %d lines written while the page was open; write to page median %d ms, "
                        + "p90 %d ms, max %d ms%n", millis.size(), millis.get(millis.size() / 2),
                millis.get(Math.min(millis.size() - 1, millis.size() * 9 / 10)), millis.getLast());
    }

    /** The status a WebSocket handshake is answered with (101 when it opens). */
    private static int handshakeStatus(String uri, String cookie, String origin) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin);
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        try {
            WebSocket ws = builder.buildAsync(URI.create(uri), new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }
}
