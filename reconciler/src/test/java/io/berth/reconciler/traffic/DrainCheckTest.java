package io.berth.reconciler.traffic;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a probe's answer, and deciding deregistered / drained from the answers of every carrier. */
class DrainCheckTest {

    static final String TASK = "8d3c1f0e-0000-4000-8000-000000000001";
    static final String SERVER = ServerNames.of(TASK);

    static String answer(int workers, String... rows) {
        StringBuilder b = new StringBuilder("workers " + workers + "\n# pxname,svname,qcur,qmax,scur,smax,status,weight\n");
        for (String r : rows) {
            b.append(r).append('\n');
        }
        return b.toString();
    }

    static String row(String server, int queued, int sessions, int weight) {
        return "group-web," + server + "," + queued + ",0," + sessions + ",9,UP," + weight;
    }

    static DrainCheck.Answer carrier(String answer) {
        return new DrainCheck.Answer(Set.of("web"), BalancerLoad.parse(answer));
    }

    @Test
    void parsesTheRealShowStatOfHaproxy26() throws IOException {
        String csv;
        try (var in = getClass().getResourceAsStream("/io/berth/reconciler/traffic/show-stat-2.6.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        BalancerLoad load = BalancerLoad.parse("workers 1\n" + csv.replace("g,t-a,", "group-web," + SERVER + ",")).orElseThrow();
        assertThat(load.workers()).isEqualTo(1);
        assertThat(load.server("web", TASK)).contains(new BalancerLoad.Server(1, 0, 0));
        assertThat(load.server("other", TASK)).isEmpty();
    }

    @Test
    void anAnswerThatIsNotTheProbesIsNotUnderstood() {
        assertThat(BalancerLoad.parse("")).isEmpty();
        assertThat(BalancerLoad.parse("cannot connect to /run/haproxy/admin.sock\n")).isEmpty();
        assertThat(BalancerLoad.parse("workers x\n# pxname,svname,qcur,scur,weight\n")).isEmpty();
        assertThat(BalancerLoad.parse("workers 1\n# pxname,svname,status\n")).as("no counters").isEmpty();
        assertThat(BalancerLoad.parse(answer(1, "group-web," + SERVER + ",0,0,many,9,UP,0"))).as("not a count").isEmpty();
    }

    @Test
    void decidesFromEveryCarrier() {
        String drained = answer(1, row(SERVER, 0, 0, 0));
        assertThat(DrainCheck.check(TASK, false, List.of())).as("no load balancer carries it").isEqualTo(DrainCheck.State.DRAINED);
        assertThat(DrainCheck.check(TASK, true, List.of())).as("no carrier could be listed").isEqualTo(DrainCheck.State.UNCONFIRMED);
        assertThat(DrainCheck.check(TASK, true, List.of(carrier(drained)))).isEqualTo(DrainCheck.State.DRAINED);
        assertThat(DrainCheck.check(TASK, true, List.of(carrier(answer(1))))).as("not in the configuration any more")
                .isEqualTo(DrainCheck.State.DRAINED);
        assertThat(DrainCheck.check(TASK, true, List.of(carrier(drained), carrier(answer(1, row(SERVER, 0, 0, 1))))))
                .as("one carrier still gives it weight").isEqualTo(DrainCheck.State.UNCONFIRMED);
        assertThat(DrainCheck.check(TASK, true, List.of(carrier(drained),
                new DrainCheck.Answer(Set.of("web"), Optional.empty())))).as("one carrier did not answer")
                .isEqualTo(DrainCheck.State.UNCONFIRMED);
        assertThat(DrainCheck.check(TASK, true, List.of(carrier(drained), carrier(answer(1, row(SERVER, 0, 1, 0))))))
                .as("a request in flight").isEqualTo(DrainCheck.State.DEREGISTERED);
        assertThat(DrainCheck.check(TASK, true, List.of(carrier(answer(1, row(SERVER, 2, 0, 0))))))
                .as("requests queued").isEqualTo(DrainCheck.State.DEREGISTERED);
        assertThat(DrainCheck.check(TASK, true, List.of(carrier(answer(2, row(SERVER, 0, 0, 0))))))
                .as("an old worker of a reload is alive").isEqualTo(DrainCheck.State.DEREGISTERED);
        assertThat(DrainCheck.check(TASK, true, List.of(carrier(answer(1, row("t-other", 0, 5, 1), row(SERVER, 0, 0, 0))))))
                .as("other servers' traffic does not matter").isEqualTo(DrainCheck.State.DRAINED);
    }
}
