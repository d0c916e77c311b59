/**
 * Service discovery's read model: which tasks of a service take traffic now, and where (host address, dynamic
 * host port per container port). One pure builder ({@link io.berth.reconciler.discovery.EndpointsBuilder}) from
 * stored tasks and instances serves the endpoints API, the watch stream's {@code endpoints} changes and the DNS
 * server alike, so the three never disagree on what "healthy" means. No Spring, JPA or DNS wire format here.
 */
package io.berth.reconciler.discovery;
