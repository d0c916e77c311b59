package io.berth.reconciler.traffic;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Which targets stay in rotation when hosts go silent or are lost: one row per situation. */
class TargetRotationTest {

    static final UUID H1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID H2 = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final UUID H3 = UUID.fromString("00000000-0000-4000-8000-000000000003");
    static final Instant T = Instant.parse("2026-12-07T20:00:00Z");
    static final Map<UUID, String> NAMES = Map.of(H1, "berth-h1", H2, "berth-h2", H3, "berth-h3");

    /** web: a on h1, b on h2, c on h3, d on h2 draining; api: x on h2 only. */
    static final List<Registration> REGS = List.of(
            new Registration("web", "a", H1, 32768),
            new Registration("web", "b", H2, 32769),
            new Registration("web", "c", H3, 32770),
            new Registration("web", "d", H2, 32771, "svc", true),
            new Registration("api", "x", H2, 32772));

    static HostTrouble silent(UUID... hosts) {
        Map<UUID, Instant> since = new java.util.HashMap<>();
        for (UUID h : hosts) {
            since.put(h, T);
        }
        return new HostTrouble(since, Set.of());
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                arguments("no trouble: every target serves", HostTrouble.NONE,
                        List.of("web/a", "web/b", "web/c", "web/d", "api/x"), List.of()),
                arguments("a silent host that holds no target changes nothing",
                        silent(UUID.fromString("00000000-0000-4000-8000-000000000009")),
                        List.of("web/a", "web/b", "web/c", "web/d", "api/x"), List.of()),
                arguments("h2 silent: its web targets leave (draining too), api fails open: x is its only target",
                        silent(H2), List.of("web/a", "web/c", "api/x"), List.of("web/b", "web/d")),
                arguments("h2 lost: every target there leaves, even the only one of api",
                        new HostTrouble(Map.of(H2, T), Set.of(H2)), List.of("web/a", "web/c"),
                        List.of("web/b", "web/d", "api/x")),
                arguments("lost without a silence recorded (the grace passed before a restart) is lost all the same",
                        HostTrouble.lostOnly(Set.of(H2)), List.of("web/a", "web/c"),
                        List.of("web/b", "web/d", "api/x")),
                arguments("h2 and h3 silent: a on h1 still serves web, so b, c and d leave",
                        silent(H2, H3), List.of("web/a", "api/x"), List.of("web/b", "web/c", "web/d")),
                arguments("every host silent: fail-open keeps each group's serving targets, drains still leave",
                        silent(H1, H2, H3), List.of("web/a", "web/b", "web/c", "api/x"), List.of("web/d")),
                arguments("h1 lost, h2 and h3 silent: the lost one leaves, the silent ones fail open",
                        new HostTrouble(Map.of(H1, T, H2, T, H3, T), Set.of(H1)),
                        List.of("web/b", "web/c", "api/x"), List.of("web/a", "web/d")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void targetsInAndOutOfRotation(String situation, HostTrouble trouble, List<String> in, List<String> out) {
        TargetRotation.Rotation r = TargetRotation.of(REGS, trouble, NAMES);
        assertThat(r.in()).extracting(x -> x.targetGroup() + "/" + x.taskId()).containsExactlyElementsOf(in);
        assertThat(r.out().keySet()).extracting(x -> x.targetGroup() + "/" + x.taskId()).containsExactlyElementsOf(out);
        r.out().forEach((reg, health) -> {
            assertThat(health.state()).isEqualTo("unused");
            assertThat(health.reason()).isEqualTo("Target.InvalidState");
            assertThat(health.description()).as("names the host").contains(NAMES.get(reg.instanceId()));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptions")
    void theDescriptionSaysWhyAndUntilWhen(String situation, HostTrouble trouble, String expected) {
        assertThat(TargetRotation.of(List.of(REGS.get(1), REGS.get(0)), trouble, NAMES).out().values())
                .singleElement().satisfies(h -> assertThat(h.description()).isEqualTo(expected));
    }

    static Stream<Arguments> descriptions() {
        return Stream.of(
                arguments("silent", silent(H2), "instance berth-h2 has not answered since 2026-12-07T20:00:00Z: "
                        + "out of rotation until it answers again"),
                arguments("lost", HostTrouble.lostOnly(Set.of(H2)), "instance berth-h2 is lost (silent past the "
                        + "grace period): out of rotation while its task is replaced"));
    }
}
