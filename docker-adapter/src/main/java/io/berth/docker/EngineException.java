package io.berth.docker;

/**
 * A Docker call failed. {@code kind} lets callers tell a missing image from an unreachable engine
 * without parsing messages.
 */
public class EngineException extends RuntimeException {

    public enum Kind { UNREACHABLE, NOT_FOUND, CONFLICT, IMAGE_NOT_FOUND, BAD_REQUEST, TIMEOUT, CIRCUIT_OPEN, OTHER }

    private final Kind kind;

    public EngineException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
