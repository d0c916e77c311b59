/** JMH benchmarks of the scheduler's placement decisions. */
package io.berth.bench.jmh;
