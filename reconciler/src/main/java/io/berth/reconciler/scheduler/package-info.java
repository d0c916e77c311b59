/** The scheduler: places tasks on instances by filters and scorers over the cluster's load. */
package io.berth.reconciler.scheduler;
