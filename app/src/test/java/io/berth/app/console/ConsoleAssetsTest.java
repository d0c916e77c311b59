package io.berth.app.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The script paths the pages load exist in the WebJars on the classpath (a version bump must move them too). */
class ConsoleAssetsTest {

    @Test
    void everyAssetIsOnTheClasspath() {
        for (String path : new String[]{ConsoleAssets.HTMX, ConsoleAssets.HTMX_SSE, ConsoleAssets.XTERM,
                ConsoleAssets.XTERM_CSS, ConsoleAssets.XTERM_FIT}) {
            assertThat(getClass().getResource("/META-INF/resources" + path)).as(path).isNotNull();
        }
        assertThat(getClass().getResource("/static" + ConsoleAssets.STYLESHEET)).isNotNull();
        assertThat(getClass().getResource("/static" + ConsoleAssets.TASK_SCRIPT)).isNotNull();
        assertThat(getClass().getResource("/static" + ConsoleAssets.APPLY_SCRIPT)).isNotNull();
    }
}
