package io.berth.app.api;

import io.berth.app.audit.AuditRecorder;
import io.berth.app.security.identity.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.util.concurrent.Semaphore;

/**
 * Opens exec sessions within {@code berth.api.exec.max-sessions}: each holds an engine connection and two threads'
 * worth of streaming for as long as it lasts (bounded by the idle timeout and the maximum duration).
 */
@Service
class ExecSessions {

    /** Who asked, for the session's audit event. */
    record Audit(Caller caller, String requestId, String pattern, String path, String remoteAddress) {
    }

    private final ExecLimits limits;
    private final AuditRecorder recorder;
    private final Clock clock;
    private final Semaphore open;

    ExecSessions(ExecLimits limits, AuditRecorder recorder, Clock clock) {
        this.limits = limits;
        this.recorder = recorder;
        this.clock = clock;
        this.open = new Semaphore(limits.maxSessions());
    }

    /** A handler for one session; its permit is released when the session ends or its handshake is refused. */
    ExecSocket open(ExecTargets.Target target, Audit audit) {
        if (!open.tryAcquire()) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "berth.api.exec.max-sessions ("
                    + limits.maxSessions() + ") exec sessions are open; try again when one has ended");
        }
        return new ExecSocket(target, audit, limits, recorder, clock, open::release);
    }
}
