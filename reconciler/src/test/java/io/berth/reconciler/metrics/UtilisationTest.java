package io.berth.reconciler.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class UtilisationTest {

    @ParameterizedTest(name = "{0} ns of CPU over {1} ms with {2} units = {3} %")
    @CsvSource({
            "500000000, 10000, 256, 20",     // 0.05 cores of 0.25
            "10000000000, 10000, 512, 200",  // a busy loop on one core with half a core reserved
            "10000000000, 10000, 0, 100",    // no reservation: measured against one core
            "0, 10000, 1024, 0",
            "1000, 0, 1024, -1",             // no interval: not known
    })
    void cpu(long nanos, long millis, int units, double percent) {
        assertThat(Utilisation.cpuPercent(nanos, Duration.ofMillis(millis), units)).isCloseTo(percent, offset(1e-9));
    }

    @ParameterizedTest(name = "{0} bytes used, {1} MiB reserved, limit {2} = {3} %")
    @CsvSource({
            "100663296, 128, 0, 75",         // 96 of 128 MiB
            "67108864, 0, 268435456, 25",    // no reservation: of the limit
            "67108864, 0, 0, -1",
    })
    void memory(long used, int reservedMiB, long limit, double percent) {
        assertThat(Utilisation.memoryPercent(used, reservedMiB, limit)).isCloseTo(percent, offset(1e-9));
    }

    @ParameterizedTest
    @CsvSource({"80, -1, 40, 60", "-1, -1, -1, -1"})
    void meanOfWhatIsKnown(double x, double y, double z, double mean) {
        assertThat(Utilisation.mean(x, y, z)).isEqualTo(mean);
    }
}
