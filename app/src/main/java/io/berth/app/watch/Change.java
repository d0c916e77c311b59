package io.berth.app.watch;

import java.time.Instant;

/**
 * One entry of the change log, as streamed.
 *
 * @param seq     its stream position: what {@code Last-Event-ID} and {@code ?since=} resume from
 * @param kind    service, deployment, task, event, instance, target or endpoints
 * @param op      created, updated or deleted
 * @param service the service's name; null for tasks of no service
 * @param payload JSON of the changed object's fields at the time of the change
 */
public record Change(long seq, String kind, String op, String cluster, String service, String objectId, String payload,
                     Instant at) {
}
