/** Per-task CPU and memory readings kept in memory, and the utilisation arithmetic that turns them into percents. */
package io.berth.reconciler.metrics;
