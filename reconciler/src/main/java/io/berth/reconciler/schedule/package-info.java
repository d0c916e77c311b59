/**
 * Schedule expressions (Unix cron, cron with seconds, AWS {@code cron(...)} and {@code rate(...)}) and their firing
 * times in an IANA time zone: pure values, no clock; callers pass the instants they ask about.
 */
package io.berth.reconciler.schedule;
