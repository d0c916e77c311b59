/** Auto scaling's pure decisions: the arithmetic of Application Auto Scaling and the planner that applies it. */
package io.berth.reconciler.autoscaling;
