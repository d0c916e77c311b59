/** The one way desired state (services, task definitions, deployments, instances, clusters, credentials) is written. */
package io.berth.reconciler.desiredstate;
