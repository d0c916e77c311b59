/** Reads running tasks' CPU and memory from their engines, a bounded number per host and round. */
package io.berth.reconciler.sampling;
