package io.berth.reconciler.pass;

import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.traffic.HaproxySettings;

import java.time.Duration;
import java.util.List;

/**
 * Asks an HAProxy container for {@code show stat} on its stats socket, through an exec in the container (the image
 * has perl, not socat). Bounded: the exec is given up after its timeout and the answer is cut at a size. The traffic
 * pass asks with {@link #probe}, which also counts the container's HAProxy workers: one exec per container and pass
 * gives both the statistics and what connection draining needs.
 */
final class HaproxyStatsClient {

    private static final int MAX_ANSWER = 4 << 20;
    /** Connects to the stats socket given as its argument, asks for the statistics, prints the answer. */
    private static final String CLIENT = "use IO::Socket::UNIX; my $s = IO::Socket::UNIX->new(Peer => $ARGV[0])"
            + " or die \"cannot connect to $ARGV[0]: $!\\n\"; print $s \"show stat\\n\"; print while <$s>;";

    /**
     * Counts the HAProxy processes in the container (the master plus its workers: "workers" is one less), then
     * prints "show stat" from the runtime API socket (first argument). The image has perl, not socat or ps.
     */
    static final String PROBE = "use IO::Socket::UNIX; my $n = 0; opendir(my $d, '/proc') or die \"/proc: $!\\n\";"
            + " for my $p (readdir $d) { next unless $p =~ /^[0-9]+$/; open(my $f, '<', \"/proc/$p/comm\") or next;"
            + " my $c = <$f>; $n++ if defined $c && $c eq \"haproxy\\n\"; } print 'workers ', $n - 1, \"\\n\";"
            + " my $s = IO::Socket::UNIX->new(Peer => $ARGV[0]) or die \"cannot connect to $ARGV[0]: $!\\n\";"
            + " print $s \"show stat\\n\"; print while <$s>;";
    private static final String WORKERS_LINE = "workers ";

    private final HaproxySettings settings;
    private final Duration timeout;

    HaproxyStatsClient(HaproxySettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
    }

    /** The CSV answer; throws {@link EngineException} when the container cannot be asked in time. */
    String showStat(DockerEngine engine, String containerId) {
        return engine.exec(containerId, List.of("perl", "-e", CLIENT, settings.statsSocket()), timeout, MAX_ANSWER);
    }

    /** A line {@code workers N}, then the CSV of {@code show stat}; throws {@link EngineException} as above. */
    String probe(DockerEngine engine, String containerId, Duration timeout) {
        return engine.exec(containerId, List.of("perl", "-e", PROBE, settings.statsSocket()), timeout, MAX_ANSWER);
    }

    /** The {@code show stat} CSV of a {@link #probe} answer (an answer without the workers line is taken whole). */
    static String showStatOf(String probeAnswer) {
        if (!probeAnswer.startsWith(WORKERS_LINE)) {
            return probeAnswer;
        }
        int end = probeAnswer.indexOf('\n');
        return end < 0 ? "" : probeAnswer.substring(end + 1);
    }
}
