package io.berth.app.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

import java.time.Duration;

/**
 * A click that loads a new page, and the wait for that page. A click returns once the browser has taken it, which
 * can be before the new page replaced the old one (a slow answer, a busy machine): reading the page at once may read
 * the old one. So the old document is marked before the click, and the wait ends when a document without the mark
 * has finished loading.
 */
final class BrowserClicks {

    private static final Duration LOAD = Duration.ofSeconds(60);

    private BrowserClicks() {
    }

    static void clickAndLoad(WebDriver browser, By target) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.berthOldPage = true;");
        browser.findElement(target).click();
        Await.until(LOAD, "the page loaded by clicking " + target, () -> {
            try {
                return Boolean.TRUE.equals(js.executeScript(
                        "return window.berthOldPage === undefined && document.readyState === 'complete';"));
            } catch (WebDriverException navigating) {
                return false; // the document went away under the script: the new one is on its way
            }
        });
    }
}
