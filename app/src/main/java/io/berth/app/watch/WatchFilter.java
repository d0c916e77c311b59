package io.berth.app.watch;

/** Which changes a stream wants: all (nulls), one cluster's, or one service's of a cluster. */
public record WatchFilter(String cluster, String service) {
}
