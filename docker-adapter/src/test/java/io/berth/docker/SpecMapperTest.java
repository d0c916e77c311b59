package io.berth.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpecMapperTest {

    private static final CreateContainerCmd.Exec NO_EXEC = command -> {
        throw new AssertionError("mapping must not call the engine");
    };

    private final ContainerSpec spec = SpecBuilder.image("busybox:1.36").name("web-1")
            .cmd("httpd", "-f").entrypoint("/bin/sh", "-c").env("B", "2").env("A", "1")
            .label("berth.task", "t1").cpuShares(512).memory(64L << 20).memoryReservation(32L << 20)
            .port(80, 0, "tcp").port(53, 5353, "UDP")
            .healthCheck("wget -q -O- localhost", Duration.ofMillis(1500), Duration.ofSeconds(2), 3)
            .init(true).stopTimeout(Duration.ofMillis(2500)).build();

    @Test
    void appliesEverythingToTheCreateCommand() {
        CreateContainerCmd cmd = SpecMapper.apply(spec, new CreateContainerCmdImpl(NO_EXEC, null, spec.image()));

        assertThat(cmd.getName()).isEqualTo("web-1");
        assertThat(cmd.getCmd()).containsExactly("httpd", "-f");
        assertThat(cmd.getEntrypoint()).containsExactly("/bin/sh", "-c");
        assertThat(cmd.getEnv()).containsExactly("A=1", "B=2");
        assertThat(cmd.getLabels()).isEqualTo(Map.of("berth.task", "t1"));
        assertThat(cmd.getExposedPorts()).containsExactly(ExposedPort.tcp(80), ExposedPort.udp(53));
        assertThat(cmd.getStopTimeout()).isEqualTo(3); // rounded up, never shorter than asked
        assertThat(cmd.getHealthcheck().getInterval()).isEqualTo(1_500_000_000L);
    }

    @Test
    void hostConfigCarriesLimitsInitPortsAndNoRestart() {
        HostConfig host = SpecMapper.hostConfig(spec);

        assertThat(host.getCpuShares()).isEqualTo(512);
        assertThat(host.getMemory()).isEqualTo(64L << 20);
        assertThat(host.getMemorySwap()).isEqualTo(64L << 20);
        assertThat(host.getMemoryReservation()).isEqualTo(32L << 20);
        assertThat(host.getInit()).isTrue();
        assertThat(host.getRestartPolicy()).isEqualTo(RestartPolicy.noRestart()); // serialised as "", which Docker reads as "no"
        Map<ExposedPort, Ports.Binding[]> bindings = host.getPortBindings().getBindings();
        assertThat(bindings.get(ExposedPort.tcp(80))).containsExactly(Ports.Binding.empty());
        assertThat(bindings.get(ExposedPort.udp(53))).containsExactly(Ports.Binding.bindPort(5353));
    }

    @Test
    void defaultsLeaveEngineDefaults() {
        ContainerSpec plain = SpecBuilder.image("busybox:1.36").build();
        CreateContainerCmd cmd = SpecMapper.apply(plain, new CreateContainerCmdImpl(NO_EXEC, null, plain.image()));
        HostConfig host = cmd.getHostConfig();

        assertThat(cmd.getName()).isNull();
        assertThat(cmd.getCmd()).isNull();
        assertThat(cmd.getHealthcheck()).isNull();
        assertThat(cmd.getStopTimeout()).isNull();
        assertThat(host.getMemory()).isNull();
        assertThat(host.getCpuShares()).isNull();
        assertThat(host.getInit()).isNull();
        assertThat(host.getPortBindings()).isNull();
    }

    @Test
    void healthCheckDurationsBecomeNanos() {
        HealthCheck check = SpecMapper.healthCheck(new ContainerSpec.HealthCheckSpec(
                List.of("CMD-SHELL", "true"), Duration.ofSeconds(5), Duration.ofMillis(250), 4, Duration.ofSeconds(1)));

        assertThat(check.getTest()).containsExactly("CMD-SHELL", "true");
        assertThat(check.getInterval()).isEqualTo(5_000_000_000L);
        assertThat(check.getTimeout()).isEqualTo(250_000_000L);
        assertThat(check.getStartPeriod()).isEqualTo(1_000_000_000L);
        assertThat(check.getRetries()).isEqualTo(4);
    }

    @Test
    void secondsRoundUp() {
        assertThat(SpecMapper.seconds(Duration.ZERO)).isZero();
        assertThat(SpecMapper.seconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(SpecMapper.seconds(Duration.ofSeconds(30))).isEqualTo(30);
    }
}
