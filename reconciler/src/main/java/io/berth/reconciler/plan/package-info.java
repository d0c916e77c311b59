/** Pure planners: (desired, observed, now) to a plan of task actions, with the rollout arithmetic. */
package io.berth.reconciler.plan;
