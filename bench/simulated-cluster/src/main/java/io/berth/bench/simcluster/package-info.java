/** A benchmark of the control loop over many simulated hosts (a fake engine by design) and real PostgreSQL. */
package io.berth.bench.simcluster;
