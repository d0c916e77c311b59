package io.berth.app.manifest;

/** The body is not well-formed YAML/JSON; nothing of it could be read. Maps to HTTP 400. */
public class ManifestSyntaxException extends RuntimeException {

    private final int line;
    private final int column;

    public ManifestSyntaxException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    /** 1-based, or -1 when the parser did not say. */
    public int line() {
        return line;
    }

    /** 1-based, or -1 when the parser did not say. */
    public int column() {
        return column;
    }
}
