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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
 * open a task; sign out. Prints the time from the engine's start of each container to its RUNNING row on the page.
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
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,860", "--lang=en");
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
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
                ---
                apiVersion: berth/v1
                kind: Service
                metadata: {name: %1$s, cluster: default}
                spec:
                  taskDefinition: %1$s
                  desiredCount: %2$d
                  deployment: {minHealthyTime: 1s}
                """.formatted(SERVICE, desiredCount);
    }

    private static void apply(int desiredCount) {
        HttpResponse<String> r = berth.send("POST", "/v1/apply", "application/yaml", manifest(desiredCount));
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

    private static Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    @Test
    void signInApplyWatchTasksArriveLiveAndSignOut() {
        browser.get(berth.url() + "/ui/clusters");
        assertThat(browser.getCurrentUrl()).endsWith("/ui/sign-in");
        screenshot("sign-in");
        browser.findElement(By.id("token")).sendKeys(BerthProcess.TOKEN);
        browser.findElement(By.id("sign-in")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/ui/clusters");
        assertThat(browser.findElement(By.id("clusters")).getText()).contains("default");
        assertThat(browser.getPageSource()).doesNotContain(BerthProcess.TOKEN);
        screenshot("clusters");

        // The service is created through the apply page: a dry run first, then apply.
        browser.findElement(By.linkText("Apply")).click();
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];",
                browser.findElement(By.id("manifest")), manifest(0));
        browser.findElement(By.id("check")).click();
        assertThat(browser.findElement(By.id("result-heading")).getText()).isEqualTo("Dry run: nothing was stored");
        browser.findElement(By.id("apply")).click();
        assertThat(browser.findElement(By.id("result-heading")).getText()).isEqualTo("Applied");
        assertThat(browser.findElement(By.id("apply-result")).getText()).contains("Service " + SERVICE + " default created");
        screenshot("apply");

        browser.findElement(By.linkText("Clusters")).click();
        browser.findElement(By.linkText("default")).click();
        assertThat(browser.findElement(By.id("services")).getText()).contains(SERVICE);
        browser.findElement(By.linkText(SERVICE)).click();
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

        browser.findElement(By.linkText("Instances")).click();
        assertThat(browser.findElements(By.cssSelector("#instances meter"))).isNotEmpty();
        screenshot("instances");

        browser.findElement(By.id("sign-out")).click();
        assertThat(browser.getCurrentUrl()).contains("/ui/sign-in");
        assertThat(browser.getPageSource()).contains("You are signed out.");
        browser.get(berth.url() + "/ui/clusters/default/services/" + SERVICE);
        assertThat(browser.getCurrentUrl()).endsWith("/ui/sign-in");
    }
}
