/** Placement constraints and strategies as a task definition or service states them. */
package io.berth.reconciler.scheduler.placement;
