/** Placement scorers: binpack, spread and random. */
package io.berth.reconciler.scheduler.scorers;
