package io.berth.reconciler.schedule;

/** The syntaxes a schedule expression may be written in; which one is told by the expression's shape. */
public enum ScheduleDialect {
    /** Five fields: minute hour day-of-month month day-of-week (Sunday is 0 or 7). */
    UNIX,
    /** Six fields, seconds first, as Spring's {@code @Scheduled} cron: second minute hour day-of-month month day-of-week. */
    SECONDS,
    /** AWS {@code cron(minute hour day-of-month month day-of-week year)}; one of the two day fields is {@code ?}. */
    AWS_CRON,
    /** AWS {@code rate(N unit)}, plus Berth's {@code second}/{@code seconds} unit. */
    RATE
}
