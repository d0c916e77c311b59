package io.berth.app.console;

import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;

/** What {@link ConsoleInterceptor} put on a console request once its session checked out. */
final class ConsoleRequest {

    static final String SESSION = ConsoleRequest.class.getName() + ".session";

    private ConsoleRequest() {
    }

    static Caller caller(HttpServletRequest request) {
        return Caller.of(request).orElseThrow(() -> new IllegalStateException("no signed-in caller on " + request.getRequestURI()));
    }

    static ConsoleSessions.Session session(HttpServletRequest request) {
        if (request.getAttribute(SESSION) instanceof ConsoleSessions.Session session) {
            return session;
        }
        throw new IllegalStateException("no console session on " + request.getRequestURI());
    }
}
