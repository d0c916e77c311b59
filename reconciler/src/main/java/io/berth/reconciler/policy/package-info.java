/** Cluster policies and registry credentials, and the checks a task definition must pass against them. */
package io.berth.reconciler.policy;
