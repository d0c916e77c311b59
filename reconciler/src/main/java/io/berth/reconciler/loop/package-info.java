/** The control loop: a work queue of keys, the reconcilers that run a pass per key, and the engine event watcher. */
package io.berth.reconciler.loop;
