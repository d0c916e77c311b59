/** Placement filters: each accepts an instance or says why not. */
package io.berth.reconciler.scheduler.filters;
