package io.berth.app.api;

import io.berth.app.security.identity.Caller;
import io.berth.app.web.ApiError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/**
 * {@code exec}: a command in a task's running container, over a WebSocket (framing in {@link ExecFrames}). An MVC
 * route that upgrades, rather than a bare WebSocket endpoint, so that authentication, authorization (verb
 * {@code exec} on {@code tasks}) and every check of the request answer as on any other route — with a 4xx naming
 * what is wrong — before the connection is upgraded.
 */
@RestController
@RequestMapping(path = "/v1/clusters/{cluster}/tasks")
@io.swagger.v3.oas.annotations.tags.Tag(name = "tasks")
public class ExecController {

    private final ExecUpgrade upgrade;

    ExecController(ExecUpgrade upgrade) {
        this.upgrade = upgrade;
    }

    @GetMapping(path = "/{id}/containers/{name}/exec")
    @Operation(summary = "Run a command in a task's running container, over a WebSocket",
            description = "A WebSocket upgrade (GET with Upgrade: websocket). Binary messages, each starting with its "
                    + "channel byte: 0 stdin (client), 1 stdout, 2 stderr, 3 status JSON, last (server), 4 resize "
                    + "{\"Width\":W,\"Height\":H} (client). Needs verb exec on tasks and allowExec in the cluster's "
                    + "policy; every session is audited (command, start, duration, exit code; never input or output).")
    public void exec(@PathVariable String cluster, @PathVariable String id, @PathVariable String name,
                     @Parameter(description = "The command and its arguments, one parameter each, in order")
                     @RequestParam(required = false) List<String> command,
                     @Parameter(description = "Allocate a terminal (stdout and stderr then arrive merged)")
                     @RequestParam(required = false) String tty,
                     @Parameter(description = "Attach stdin (channel 0)") @RequestParam(required = false) String stdin,
                     HttpServletRequest request, HttpServletResponse response) throws Exception {
        Caller caller = Caller.of(request).orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                "no authenticated caller"));
        upgrade.upgrade(caller, cluster, id, name, command, tty, stdin, request, response);
    }

    /** Bad query parameters: 400 naming the field. */
    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ApiError> invalidField(InvalidFieldException e) {
        HttpStatus status = HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(),
                "request is invalid: " + e.field() + " " + e.getMessage(),
                List.of(new ApiError.FieldMessage(e.field(), e.getMessage()))));
    }
}
