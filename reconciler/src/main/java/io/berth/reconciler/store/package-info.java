/** The state store: the interface through which the control loop reads and writes Berth's state, and its JSON codecs. */
package io.berth.reconciler.store;
