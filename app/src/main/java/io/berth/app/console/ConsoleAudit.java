package io.berth.app.console;

import io.berth.app.audit.AuditEvent;
import io.berth.app.audit.AuditRecorder;
import io.berth.app.audit.AuditRoute;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Puts the console's writes in the audit trail as the API route that does the same would be recorded (the audit
 * filter covers {@code /v1} only): same route pattern, caller, documents and status, refusals included.
 */
public class ConsoleAudit {

    private final AuditRecorder recorder;
    private final Clock clock;

    public ConsoleAudit(AuditRecorder recorder, Clock clock) {
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * @param pattern   the API route's pattern, e.g. {@code /v1/clusters/{cluster}/services/{name}/restart}
     * @param path      that route's path for this action
     * @param documents {@code Kind/name} of each applied document; empty for other actions
     */
    public void record(HttpServletRequest request, Caller caller, String pattern, String path, List<String> documents,
                       int status) {
        record(request, caller, "POST", pattern, path, documents, status);
    }

    /** @param method the API route's method, which may differ from the form's POST (PUT for an instance's status) */
    public void record(HttpServletRequest request, Caller caller, String method, String pattern, String path,
                       List<String> documents, int status) {
        recorder.record(new AuditEvent(clock.instant(), UUID.randomUUID().toString(), caller.name(),
                caller.source().name(), method, pattern, AuditRoute.of(pattern, path), documents, null,
                request.getRemoteAddr(), status));
    }
}
