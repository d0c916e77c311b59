package io.berth.app.e2e;

import io.berth.docker.ContainerState;
import io.berth.docker.DockerEngine;
import io.berth.docker.DockerEngines;
import io.berth.docker.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real headless Chromium (Debian's chromium and chromedriver, scripts/ensure-chromium.sh)
 * against berth.jar on the real engine: sign in with the admin token, create a service on the apply page (dry run,
 * then apply), open the service's page, scale the service up
 * through the API, and watch its tasks appear on the open page — running, with host and ports — without a reload;
 * apply a new revision through the API and watch its deployment roll out on the open page; roll back with the
 * page's button; open a task; apply a manifest with an error (the field is named) and then a good one; compare two
 * task definition revisions; sign out. Prints the time from the engine's start of each container to its RUNNING row
 * on the page, the rollout as the page showed it, and the service page's weight.
 * Screenshots go to target/screenshots/.
 */
@Tag("docker")
class ConsoleBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String SERVICE = "e2e-ui-web";

    private static DockerEngine docker;
    private static BerthProcess berth;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        docker = DockerEngines.connect(EngineConfig.of(EngineConfig.LOCAL_ENDPOINT));
        berth = new BerthProcess("console", List.of("--berth.reconciler.resync-interval=2s",
                "--berth.reconciler.stop-timeout=1s"), "console");
        berth.start();
        browser = HeadlessChromium.open(1280, 860);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (berth != null) {
            berth.send("DELETE", "/v1/clusters/default/services/" + SERVICE + "?wait=true&timeout=30s", null, null);
            berth.close();
        }
        if (docker != null) {
            E2eContainers.removeManaged(docker, "berth.service", "e2e-ui-");
            docker.close();
        }
    }

    private static String manifest(int desiredCount) {
        return manifest(desiredCount, "1");
    }

    /** @param revision a value in the container's environment: a new one makes a new task definition revision */
    private static String manifest(int desiredCount, String revision) {
        return """
                apiVersion: berth/v1
                kind: TaskDefinition
                metadata: {name: %1$s}
                spec:
                  containers:
                    - name: httpd
                      image: busybox:1.36
                      command: [sh, -c, 'mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www']
                      cpu: 32
                      memory: 32
                      portMappings: [{containerPort: 8080}]
                      environment: {REVISION: "%3$s"}
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec:
                  taskDefinition: %1$s
                  desiredCount: %2$d
                  deployment: {minHealthyTime: 1s}
                """.formatted(SERVICE, desiredCount, revision);
    }

    private static void apply(int desiredCount) {
        apply(manifest(desiredCount));
    }

    private static void apply(String manifest) {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", manifest);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static void screenshot(String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The service page's weight. This load's transfer counts a stylesheet or script the browser had cached (from the
     * pages before) as headers only, so the page's own HTML, CSS and JS are also fetched again uncached and summed:
     * what a first visit costs, uncompressed.
     */
    private static void printPageWeight() {
        @SuppressWarnings("unchecked")
        List<Number> warm = (List<Number>) script("const e = performance.getEntriesByType('navigation').concat("
                + "performance.getEntriesByType('resource').filter(r => r.initiatorType === 'link' || r.initiatorType === 'script'));"
                + "return [e.length, e.reduce((a, r) => a + r.transferSize, 0)];");
        @SuppressWarnings("unchecked")
        List<Number> cold = (List<Number>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const urls = [location.href].concat(performance.getEntriesByType('resource')"
                        + ".filter(r => r.initiatorType === 'link' || r.initiatorType === 'script').map(r => r.name));"
                        + "Promise.all(urls.map(u => fetch(u, {cache: 'no-store'}).then(r => r.arrayBuffer()).then(b => b.byteLength)))"
                        + ".then(sizes => done([urls.length, sizes.reduce((a, b) => a + b, 0)]));");
        System.out.printf("Console: service page weight: %d bytes uncached in %d responses (HTML + CSS + JS, uncompressed);"
                + " %d bytes transferred by this load with CSS and JS cached from the pages before (%d responses)%n",
                cold.get(1).longValue(), cold.get(0).longValue(), warm.get(1).longValue(), warm.get(0).longValue());
    }

    private static Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    @Test
    void signInApplyWatchTasksArriveLiveAndSignOut() {
        browser.get(berth.url() + "/ui/clusters");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/sign-in");
        screenshot("sign-in");
        browser.findElement(By.id("token")).sendKeys(BerthProcess.TOKEN);
        BrowserClicks.clickAndLoad(browser, By.id("sign-in"));
        assertThat(browser.getCurrentUrl()).endsWith("/ui/clusters");
        assertThat(browser.findElement(By.id("clusters")).getText()).contains("default");
        assertThat(browser.getPageSource()).doesNotContain(BerthProcess.TOKEN);
        screenshot("clusters");

        // The service is created through the apply page: the manifest loaded from a file, a dry run first, then
        // apply, waiting for the rollout.
        BrowserClicks.clickAndLoad(browser, By.linkText("Apply"));
        Path file = SCREENSHOTS.resolveSibling("console-manifest.yaml").toAbsolutePath();
        try {
            Files.writeString(file, manifest(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        browser.findElement(By.id("manifest-file")).sendKeys(file.toString());
        Await.until(Duration.ofSeconds(10), "the chosen file read into the manifest box", () -> manifest(0).equals(
                script("return document.getElementById('manifest').value;")));
        BrowserClicks.clickAndLoad(browser, By.id("check"));
        assertThat(browser.findElement(By.id("result-heading")).getText()).isEqualTo("Dry run: nothing was stored");
        browser.findElement(By.id("wait")).click();
        BrowserClicks.clickAndLoad(browser, By.id("apply"));
        assertThat(browser.findElement(By.id("result-heading")).getText()).isEqualTo("Applied and rolled out");
        assertThat(browser.findElement(By.id("apply-result")).getText()).contains("Service " + SERVICE + " default created");
        screenshot("apply");

        BrowserClicks.clickAndLoad(browser, By.linkText("Clusters"));
        BrowserClicks.clickAndLoad(browser, By.linkText("default"));
        assertThat(browser.findElement(By.id("services")).getText()).contains(SERVICE);
        BrowserClicks.clickAndLoad(browser, By.linkText(SERVICE));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Service " + SERVICE);
        // Set on this page only: a reload (or any navigation) would drop it.
        script("window.berthNoReload = true;");
        Await.until(Duration.ofSeconds(15), "the page's live stream to deliver (#live)",
                () -> !browser.findElements(By.id("live")).isEmpty());

        apply(2);
        Map<String, Instant> seenRunning = new ConcurrentHashMap<>();
        // Read in one script each: the live updates replace the rows, so an element found a moment ago may be gone.
        Await.until(Duration.ofSeconds(60), "2 RUNNING task rows on the open page (log " + berth.log() + ")", () -> {
            Instant now = Instant.now();
            for (Object id : (List<?>) script("return Array.from(document.querySelectorAll("
                    + "'tr.task[data-status=RUNNING]')).map(r => r.dataset.taskId);")) {
                seenRunning.putIfAbsent((String) id, now);
            }
            return seenRunning.size() >= 2;
        });
        assertThat(script("return window.berthNoReload === true;")).as("the page was not reloaded").isEqualTo(true);
        Await.until(Duration.ofSeconds(15), "running 2 and host ports in every task row", () -> Boolean.TRUE.equals(script(
                "const rows = Array.from(document.querySelectorAll('tr.task'));"
                        + "return document.getElementById('running').textContent.trim() === '2' && rows.length === 2"
                        + " && rows.every(r => r.textContent.includes('\u21928080/tcp'));")));
        screenshot("service");
        printPageWeight();

        // A new revision through the API: the open page shows its deployment roll out, without a reload.
        apply(manifest(2, "2"));
        List<String> rolloutSeen = new java.util.ArrayList<>();
        Await.until(Duration.ofSeconds(45), "the deployment of " + SERVICE + ":2 COMPLETED at 2 / 2 on the open page", () -> {
            String row = (String) script("const r = document.querySelector('tr.deployment[data-task-definition=\"" + SERVICE
                    + ":2\"]'); return r ? r.dataset.status + ' ' + r.dataset.rollout + ' '"
                    + " + r.cells[5].textContent.trim() : null;");
            if (row != null && (rolloutSeen.isEmpty() || !rolloutSeen.getLast().equals(row))) {
                rolloutSeen.add(row);
            }
            return "PRIMARY COMPLETED 2 / 2".equals(row);
        });
        assertThat(script("return window.berthNoReload === true;")).as("the page was not reloaded").isEqualTo(true);
        System.out.println("Console: the open page showed the rollout as " + String.join(" -> ", rolloutSeen));
        screenshot("rollout");

        // Roll back from the page (the previous revision): the rollback deployment appears at the top.
        BrowserClicks.clickAndLoad(browser, By.id("rollback"));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).startsWith("Rollback started");
        Await.until(Duration.ofSeconds(15), "a PRIMARY ROLLBACK deployment of " + SERVICE + ":1", () -> Boolean.TRUE.equals(script(
                "const r = document.querySelector('tr.deployment'); return r !== null && r.dataset.trigger === 'ROLLBACK'"
                        + " && r.dataset.status === 'PRIMARY' && r.dataset.taskDefinition === '" + SERVICE + ":1';")));
        screenshot("rollback");

        for (Map.Entry<String, Instant> seen : seenRunning.entrySet()) {
            ContainerState container = docker.list(Map.of("berth.task-id", seen.getKey())).stream().findFirst()
                    .flatMap(c -> docker.inspect(c.id())).orElseThrow();
            System.out.printf("Console: task %s started by the engine at %s, RUNNING on the open page %d ms later%n",
                    seen.getKey().substring(0, 8), container.startedAt(),
                    Duration.between(container.startedAt(), seen.getValue()).toMillis());
        }

        // The live stream may replace the row between finding the link and clicking it: follow its address instead.
        String taskPage = (String) script("return document.querySelector('tr.task a').href;");
        browser.get(taskPage);
        assertThat(browser.findElement(By.id("containers")).getText()).contains("httpd").contains("RUNNING");
        screenshot("task");

        BrowserClicks.clickAndLoad(browser, By.linkText("Instances"));
        assertThat(browser.findElements(By.cssSelector("#instances meter"))).isNotEmpty();
        screenshot("instances");

        // The apply page names the invalid field, then applies a good manifest.
        BrowserClicks.clickAndLoad(browser, By.linkText("Apply"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id("manifest")), manifest(-1, "1"));
        BrowserClicks.clickAndLoad(browser, By.id("apply"));
        assertThat(browser.findElement(By.id("invalid-fields")).getText()).contains("spec.desiredCount");
        screenshot("apply-error");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id("manifest")), manifest(2, "1"));
        BrowserClicks.clickAndLoad(browser, By.id("apply"));
        assertThat(browser.findElement(By.id("result-heading")).getText()).isEqualTo("Applied");

        // Two revisions side by side: the family page preselects the newest against the one before it.
        BrowserClicks.clickAndLoad(browser, By.linkText("Task definitions"));
        BrowserClicks.clickAndLoad(browser, By.linkText(SERVICE));
        BrowserClicks.clickAndLoad(browser, By.id("compare-button"));
        assertThat(browser.findElement(By.id("diff-summary")).getText()).isEqualTo("1 changed line.");
        @SuppressWarnings("unchecked")
        List<String> changed = (List<String>) script("const r = document.querySelector('#diff tr.changed');"
                + " return [r.cells[1].textContent.trim(), r.cells[3].textContent.trim()];");
        assertThat(changed.getFirst()).startsWith("REVISION: ");
        assertThat(changed.getLast()).startsWith("REVISION: ").isNotEqualTo(changed.getFirst());
        screenshot("task-definitions-diff");

        BrowserClicks.clickAndLoad(browser, By.id("sign-out"));
        assertThat(browser.getCurrentUrl()).contains("/ui/sign-in");
        assertThat(browser.getPageSource()).contains("You are signed out.");
        browser.get(berth.url() + "/ui/clusters/default/services/" + SERVICE);
        assertThat(browser.getCurrentUrl()).endsWith("/ui/sign-in");
    }
}
