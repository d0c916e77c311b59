/** How a request that changed desired state wakes the control loop: {@code ReconcileNotifier}, used by the API and the instance registration alike. */
package io.berth.app.wakeups;
