package io.berth.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java / transport / Resilience4j failures into {@link EngineException} kinds, so callers never
 * parse messages. Pure functions: unit-tested without an engine.
 */
final class EngineErrors {

    /** Docker error bodies are JSON: {"message":"No such container: abc"}. */
    private static final Pattern JSON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private EngineErrors() {
    }

    static EngineException translate(String operation, Throwable failure) {
        if (failure instanceof EngineException engineException) {
            return engineException;
        }
        if (failure instanceof CallNotPermittedException) {
            return new EngineException(EngineException.Kind.CIRCUIT_OPEN,
                    operation + ": circuit breaker open, engine considered down", failure);
        }
        if (failure instanceof DockerException docker) {
            return fromHttp(operation, docker);
        }
        EngineException.Kind kind = fromTransport(failure);
        return new EngineException(kind, operation + ": " + describe(kind, failure), failure);
    }

    private static EngineException fromHttp(String operation, DockerException docker) {
        String message = dockerMessage(docker);
        if (!JSON_MESSAGE.matcher(String.valueOf(docker.getMessage())).find()) {
            // Docker always explains an error in a JSON body. Without one, something else answered (a proxy, a web
            // server on that port): a bare 404 must not read as "no such container", which would make a
            // reconciler believe every container is gone.
            return new EngineException(EngineException.Kind.UNREACHABLE, operation + ": endpoint answered HTTP "
                    + docker.getHttpStatus() + " without a Docker error body; is it a Docker engine?", docker);
        }
        EngineException.Kind kind = switch (docker) {
            case NotFoundException ignored -> isImageMissing(message)
                    ? EngineException.Kind.IMAGE_NOT_FOUND : EngineException.Kind.NOT_FOUND;
            case ConflictException ignored -> EngineException.Kind.CONFLICT;
            case BadRequestException ignored -> EngineException.Kind.BAD_REQUEST;
            default -> EngineException.Kind.OTHER;
        };
        return new EngineException(kind, operation + ": " + message + " (HTTP " + docker.getHttpStatus() + ")", docker);
    }

    /** A create answered 404 "No such image"; a pull answers 404 for unknown repositories. */
    static boolean isImageMissing(String message) {
        String lower = message.toLowerCase();
        return lower.contains("no such image") || lower.contains("repository does not exist")
                || lower.contains("manifest unknown") || lower.contains("not found: manifest");
    }

    /** Walks the cause chain: docker-java wraps transport IOExceptions in plain RuntimeExceptions. */
    static EngineException.Kind fromTransport(Throwable failure) {
        boolean sawIo = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // httpclient5's ConnectTimeoutException is a SocketTimeoutException: a host that never answers a SYN
            // is unreachable, not slow. Matched by name to keep httpclient5 out of our imports.
            if (t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return EngineException.Kind.UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return EngineException.Kind.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof FileNotFoundException) {
                return EngineException.Kind.UNREACHABLE;
            }
            if (t instanceof InterruptedIOException) {
                return EngineException.Kind.TIMEOUT;
            }
            if (t instanceof IOException) {
                sawIo = true;
            }
        }
        // Any other I/O failure (reset, broken pipe, missing unix socket) means we could not talk to the engine.
        return sawIo ? EngineException.Kind.UNREACHABLE : EngineException.Kind.OTHER;
    }

    /** The "message" of Docker's JSON error body, else the exception text. */
    static String dockerMessage(Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        Matcher m = JSON_MESSAGE.matcher(text);
        return m.find() ? m.group(1).replace("\\\"", "\"") : text.strip();
    }

    private static String describe(EngineException.Kind kind, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return switch (kind) {
            case UNREACHABLE -> "engine unreachable (" + detail + ")";
            case TIMEOUT -> "engine did not answer in time (" + detail + ")";
            default -> detail;
        };
    }
}
