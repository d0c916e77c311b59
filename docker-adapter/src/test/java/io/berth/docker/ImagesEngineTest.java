package io.berth.docker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * ensureImage on the real engine. No registry is reachable here, so every pull fails: these tests pin what that
 * costs and what the caller is told.
 */
@Tag("docker")
class ImagesEngineTest {

    private static DockerEngine engine;

    @BeforeAll
    static void connect() {
        engine = DockerTestSupport.localEngine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void defaultFallsBackToTheCachedImage() {
        ImageResult r = engine.ensureImage(DockerTestSupport.IMAGE, PullPolicy.DEFAULT);

        assertThat(r.available()).isTrue();
        assertThat(r.pulled()).isFalse();
        assertThat(r.message()).contains("pull of busybox:1.36 failed").contains("using cached image");
    }

    @Test
    void missingImageIsUnavailableWithAClearMessage() {
        ImageResult r = engine.ensureImage("busybox:9.9", PullPolicy.DEFAULT);

        assertThat(r.available()).isFalse();
        assertThat(r.pulled()).isFalse();
        assertThat(r.message()).startsWith("image busybox:9.9 not found locally and pull failed: ");

        ImageResult again = engine.ensureImage("busybox:9.9", PullPolicy.DEFAULT);
        assertThat(again.available()).isFalse();
        assertThat(again.message()).contains("not retried"); // inside the pull-failure backoff
    }

    @Test
    void preferCachedUsesThePresentImageWithoutPulling() {
        ImageResult r = engine.ensureImage(DockerTestSupport.IMAGE, PullPolicy.PREFER_CACHED);

        assertThat(r).isEqualTo(new ImageResult(true, false, "using cached image busybox:1.36"));
    }

    @Test
    void alwaysFailsWhenThePullFails() {
        ImageResult r = engine.ensureImage("busybox:1.36", PullPolicy.ALWAYS);

        assertThat(r.available()).isFalse();
        assertThat(r.message()).startsWith("pull of busybox:1.36 failed: ");
    }

    @Test
    void onceUsesTheCachedImage() {
        assertThat(engine.ensureImage(DockerTestSupport.IMAGE, PullPolicy.ONCE).available()).isTrue();
        assertThat(engine.ensureImage(DockerTestSupport.IMAGE, PullPolicy.ONCE))
                .isEqualTo(new ImageResult(true, false, "using cached image busybox:1.36 (pull policy ONCE)"));
    }
}
