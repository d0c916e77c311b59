package io.berth.app.api;

import io.berth.app.audit.ClientAddresses;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Service;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/**
 * Turns an authorized exec request into the session's WebSocket: resolves the target (policy, task, container,
 * command; a 4xx naming the field before anything is upgraded), takes a session permit and upgrades to
 * {@link ExecSocket}. Shared by the API's route and the console's, so both run, bound and audit a session alike;
 * each caller has authenticated and authorized the request its own way first.
 */
@Service
public class ExecUpgrade {

    /** The API route every exec session is audited under, whichever door it came through. */
    public static final String ROUTE = "/v1/clusters/{cluster}/tasks/{id}/containers/{name}/exec";

    private final ExecTargets targets;
    private final ExecSessions sessions;
    private final DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();

    ExecUpgrade(ExecTargets targets, ExecSessions sessions) {
        this.targets = targets;
        this.sessions = sessions;
        handshake.setSupportedProtocols(ExecFrames.PROTOCOL);
    }

    public void upgrade(Caller caller, String cluster, String id, String name, List<String> command, String tty,
                        String stdin, HttpServletRequest request, HttpServletResponse response) throws Exception {
        ExecTargets.Target target = targets.resolve(cluster, id, name, command, tty, stdin);
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            throw ApiErrors.badRequest("exec is a WebSocket: send the request as an upgrade (Upgrade: websocket)");
        }
        String path = "/v1/clusters/" + cluster + "/tasks/" + id + "/containers/" + name + "/exec";
        ExecSessions.Audit audit = new ExecSessions.Audit(caller, requestId(response), ROUTE, path,
                ClientAddresses.of(request));
        ExecSocket socket = sessions.open(target, audit);
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        try {
            if (!handshake.doHandshake(new ServletServerHttpRequest(request), out, socket, new HashMap<>())) {
                socket.refused();
            }
        } catch (RuntimeException e) {
            socket.refused();
            throw e;
        } finally {
            out.close();
        }
    }

    /** The audit filter gave every API request its id (the client's X-Request-Id when it sent a sound one). */
    private static String requestId(HttpServletResponse response) {
        String id = response.getHeader("X-Request-Id");
        return id == null ? UUID.randomUUID().toString() : id;
    }
}
