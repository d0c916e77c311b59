/** Berth's own records of desired and observed state, shared by the planners, the scheduler and the passes. */
package io.berth.reconciler.model;
