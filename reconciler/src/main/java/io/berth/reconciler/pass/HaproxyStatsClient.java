package io.berth.reconciler.pass;

import io.berth.docker.DockerEngine;
import io.berth.docker.EngineException;
import io.berth.reconciler.traffic.HaproxySettings;

import java.time.Duration;
import java.util.List;

/**
 * Asks an HAProxy container for {@code show stat} on its stats socket, through an exec in the container (the image
 * has perl, not socat). Bounded: the exec is given up after its timeout and the answer is cut at a size.
 */
final class HaproxyStatsClient {

    private static final int MAX_ANSWER = 4 << 20;
    /** Connects to the stats socket given as its argument, asks for the statistics, prints the answer. */
    private static final String CLIENT = "use IO::Socket::UNIX; my $s = IO::Socket::UNIX->new(Peer => $ARGV[0])"
            + " or die \"cannot connect to $ARGV[0]: $!\\n\"; print $s \"show stat\\n\"; print while <$s>;";

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
}
