/** Metrics of the control loop, the engines and the tasks' states. */
package io.berth.app.metrics;
