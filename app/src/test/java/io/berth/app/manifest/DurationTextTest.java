package io.berth.app.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S",
            "10s, PT10S",
            "5m, PT5M",
            "1h, PT1H",
            "1m30s, PT1M30S",
            "1h2m3s4ms, PT1H2M3.004S",
            "0s, PT0S",
            "90s, PT1M30S",
    })
    void parses(String text, String iso) {
        assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "10 s", "-5s", "1.5s", "5d", "s", "PT5S", "30s1m", "1s1s", "1m 30s", "10S", "1sm", "ms5", "5msm", "m"})
    void rejects(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2562047788015215h59m", "9223372036854775807ms", "99999999999999999999h", "876601h",
            "10000000000000h"})
    void refusesDurationsPastTheMaximumWithoutOverflow(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse(text))
                .withMessageContaining("at most 876600h");
    }

    @ParameterizedTest
    @ValueSource(ints = {2_000, 100_000})
    void refusesAThousandsFoldTextByItsLengthNotByOverflowingTheStack(int parts) {
        assertThatIllegalArgumentException().isThrownBy(() -> DurationText.parse("1h".repeat(parts)))
                .withMessageContaining("is too long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"876600h", "0ms", "1ms", "59m59s999ms"})
    void theMaximumAndTheSmallestParse(String text) {
        assertThat(DurationText.parse(text)).isLessThanOrEqualTo(DurationText.MAX);
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT0.5S, 500ms", "PT1M30S, 1m30s", "PT25H, 25h", "PT1H0.001S, 1h1ms"})
    void formatsShortestText(String iso, String text) {
        assertThat(DurationText.format(Duration.parse(iso))).isEqualTo(text);
        assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(iso));
    }
}
