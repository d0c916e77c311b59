package io.berth.reconciler.scheduler.query;

/**
 * A cluster query expression that cannot be parsed.
 *
 * @param column 1-based column of the offending character in the expression, so a person can find it
 */
public final class QuerySyntaxException extends IllegalArgumentException {

    private final int column;
    private final String reason;

    public QuerySyntaxException(int column, String reason) {
        super("column " + column + ": " + reason);
        this.column = column;
        this.reason = reason;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
