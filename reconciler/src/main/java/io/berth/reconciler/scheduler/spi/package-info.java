/** What filters and scorers implement and judge: their contracts, a task's requirements and an instance's load and ports. */
package io.berth.reconciler.scheduler.spi;
