package io.berth.app.console;

import io.berth.app.api.ExecUpgrade;
import io.berth.app.security.access.AccessDeniedException;
import io.berth.app.security.access.Resource;
import io.berth.app.security.access.Verb;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;

/**
 * The task page's two connections, authenticated by the console session (its cookie is limited to {@code /ui}, so
 * the API under {@code /v1} never accepts a cookie and needs no CSRF defence): a container's followed logs (SSE,
 * verb {@code get} on {@code logs} as the API's logs route) and a terminal in it (the exec WebSocket, verb
 * {@code exec} on {@code tasks} and the cluster's allowExec, run and audited exactly as the API's exec route by
 * {@link ExecUpgrade}). The WebSocket is accepted from the console's own pages only ({@link SameOrigin}).
 */
@Controller
@Hidden
@ConditionalOnProperty(prefix = "berth.console", name = "enabled", havingValue = "true", matchIfMissing = true)
class ConsoleTaskStreams {

    /** What the terminal runs: a shell every image based on a distribution or busybox has. */
    static final List<String> SHELL = List.of("sh");

    private final ConsoleAccess access;
    private final LiveTaskLogs logs;
    private final ExecUpgrade exec;

    ConsoleTaskStreams(ConsoleAccess access, LiveTaskLogs logs, ExecUpgrade exec) {
        this.access = access;
        this.logs = logs;
        this.exec = exec;
    }

    @GetMapping(path = "/ui/clusters/{cluster}/tasks/{id}/containers/{name}/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter logs(HttpServletRequest request, @PathVariable String cluster, @PathVariable String id,
                    @PathVariable String name) {
        access.require(ConsoleRequest.caller(request), Verb.GET, Resource.LOGS, cluster);
        return logs.open(ConsoleRequest.session(request), cluster, id, name);
    }

    @GetMapping("/ui/clusters/{cluster}/tasks/{id}/containers/{name}/exec")
    void exec(HttpServletRequest request, HttpServletResponse response, @PathVariable String cluster,
              @PathVariable String id, @PathVariable String name) throws Exception {
        if (!SameOrigin.matches(request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.HOST))) {
            throw new AccessDeniedException("the terminal connects from the console's own pages only: this request's "
                    + "Origin is not " + request.getHeader(HttpHeaders.HOST));
        }
        var caller = ConsoleRequest.caller(request);
        access.require(caller, Verb.EXEC, Resource.TASKS, cluster);
        exec.upgrade(caller, cluster, id, name, SHELL, "true", "true", request, response);
    }
}
