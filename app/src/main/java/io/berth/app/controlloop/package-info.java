/** Wiring of the control loop into the server: leader election, engine connections, wake-ups on changes. */
package io.berth.app.controlloop;
