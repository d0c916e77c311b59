package io.berth.app.watch;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code berth.watch.*}: the change stream of {@code GET /v1/watch}.
 *
 * @param pollInterval how often the sequencer numbers newly committed changes (the stream's latency)
 * @param heartbeat    a comment line is sent after this long without changes: keeps proxies from closing the
 *                     stream and finds clients that went away
 * @param retention    changes older than this are pruned; a client resuming from before them is told to re-list
 * @param maxWatchers  streams open at once; more are refused with 503
 * @param pageSize     changes read and sent per round: what one stream holds in memory at most
 */
@ConfigurationProperties("berth.watch")
public record WatchProperties(Duration pollInterval, Duration heartbeat, Duration retention, Integer maxWatchers,
                              Integer pageSize) {

    public WatchProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        retention = retention == null ? Duration.ofHours(1) : retention;
        maxWatchers = maxWatchers == null ? 100 : maxWatchers;
        pageSize = pageSize == null ? 200 : pageSize;
    }
}
