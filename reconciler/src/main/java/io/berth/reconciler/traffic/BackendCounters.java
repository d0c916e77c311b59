package io.berth.reconciler.traffic;

/**
 * One HAProxy backend's figures from {@code show stat}, as one HAProxy process counts them since it started: a
 * restarted (or reloaded) HAProxy starts again from zero.
 *
 * @param requests cumulative requests sent to the backend ({@code stot}: HAProxy's streams, one per HTTP request
 *                 and one per TCP connection)
 * @param http5xx  cumulative HTTP responses with a 5xx status ({@code hrsp_5xx}; 0 for TCP backends)
 * @param sessions current sessions ({@code scur})
 */
public record BackendCounters(long requests, long http5xx, long sessions) {
}
