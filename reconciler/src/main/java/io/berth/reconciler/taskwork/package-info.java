/** Docker work on tasks shared by every pass: launching and stopping tasks, recording their outcomes and a plan's task actions, and dispatching that work to the I/O executor with the tasks in flight. */
package io.berth.reconciler.taskwork;
