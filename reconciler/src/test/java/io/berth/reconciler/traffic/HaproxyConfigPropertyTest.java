package io.berth.reconciler.traffic;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every valid model renders, and what users wrote reaches the configuration only as one quoted word. */
class HaproxyConfigPropertyTest {

    /** A section header, or an indented keyword line whose user-derived words are single-quoted, or a comment. */
    private static final Pattern LINE = Pattern.compile(
            "|# .*|(global|defaults|frontend [a-z0-9-]+|backend [A-Za-z0-9-]+)|    [a-z][^'\\n]*('[^'\\n]*'[^'\\n]*)*");

    @Provide
    Arbitrary<TrafficArbitraries.Model> models() {
        return TrafficArbitraries.models();
    }

    @Property(tries = 100)
    void everyValidModelRendersWellFormedLinesWithRulesInOrder(@ForAll("models") TrafficArbitraries.Model m) {
        String cfg = m.render();
        for (String line : cfg.split("\n", -1)) {
            assertThat(line).matches(LINE);
        }
        long frontends = cfg.lines().filter(l -> l.startsWith("frontend ")).count();
        long backends = cfg.lines().filter(l -> l.startsWith("backend ")).count();
        assertThat(frontends).isEqualTo(m.lb().listeners().size());
        assertThat(backends).isEqualTo(m.lb().targetGroupNames().size());
        long servers = cfg.lines().filter(l -> l.startsWith("    server ")).count();
        long expected = m.lb().targetGroupNames().stream().mapToLong(g -> m.targets().getOrDefault(g, List.of()).size())
                .sum();
        assertThat(servers).isEqualTo(expected);
        assertThat(cfg).isEqualTo(m.render());
        // Rules are rendered in order, each to its group, and the default comes last.
        for (Listener l : m.lb().listeners()) {
            String section = cfg.substring(cfg.indexOf("frontend " + HaproxyConfigRenderer.frontendName(l.port()) + "\n"));
            section = section.substring(0, section.indexOf("\n\n") < 0 ? section.length() : section.indexOf("\n\n"));
            List<String> uses = section.lines().filter(s -> s.startsWith("    use_backend ")).toList();
            assertThat(uses).hasSameSizeAs(l.rules());
            for (int i = 0; i < uses.size(); i++) {
                assertThat(uses.get(i)).startsWith("    use_backend "
                        + HaproxyConfigRenderer.backendName(l.rules().get(i).targetGroup()) + " if rule" + i + "-");
            }
            assertThat(section).endsWith("default_backend " + HaproxyConfigRenderer.backendName(l.defaultTargetGroup()));
        }
    }

    /** Any text at all: either the model refuses it, or it renders inside one pair of quotes on one line. */
    @Property(tries = 1000)
    void arbitraryPathsAndHostsCannotInjectConfiguration(@ForAll String path, @ForAll String host) {
        Optional<ListenerRule> rule;
        try {
            rule = Optional.of(new ListenerRule(Optional.of(path), Optional.of(host), "a"));
        } catch (IllegalArgumentException refused) {
            rule = Optional.empty();
        }
        rule.ifPresent(r -> {
            String cfg = HaproxyConfigRenderer.render(new LoadBalancer("lb", Optional.empty(), List.of(
                    new Listener(80, TrafficProtocol.HTTP, "a", List.of(r)))), List.of(TrafficFixtures.httpGroup("a")),
                    java.util.Map.of());
            assertThat(cfg).contains(" path_beg '" + path + "'\n");
            assertThat(path + host).doesNotContain("'", "\"", "#", "$", "\\", " ", "\n", "\r", "\t", "(", ")");
        });
    }

    @Provide
    Arbitrary<String> hostileSuffixes() {
        return Arbitraries.of("\nbackend x", "' or 1", "# c", " ", "$X", "\\", "\"", "\t", "\r", "\u0000");
    }

    @Property(tries = 200)
    void aValidPathWithAHostileSuffixIsRefused(@ForAll("hostileSuffixes") String suffix) {
        assertThat(TrafficNames.pathProblem("/ok" + suffix)).isPresent();
        assertThat(TrafficNames.hostProblem("ok.test" + suffix)).isPresent();
    }
}
