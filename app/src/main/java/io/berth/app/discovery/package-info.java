/**
 * Service discovery at the edge: {@code GET .../services/{name}/endpoints}, the {@code endpoints} changes of
 * {@code /v1/watch} and a DNS server (A, AAAA, SRV under {@code berth.discovery.dns.domain}). All three read the same
 * {@link io.berth.reconciler.discovery.Endpoints} from PostgreSQL, so they run on the leader and standbys alike.
 */
package io.berth.app.discovery;
