package io.berth.app.audit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address as the audit trail records it: X-Forwarded-For believed only from a trusted proxy
 * ({@code berth.audit.trusted-proxies}). The audit filter works it out once per request; what is audited outside the
 * filter's own record (exec sessions, which end long after their request) reads it here.
 */
public final class ClientAddresses {

    static final String ATTRIBUTE = ClientAddresses.class.getName() + ".address";

    private ClientAddresses() {
    }

    /** The address the audit filter worked out; the connection's peer when the filter did not run. */
    public static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String address ? address : request.getRemoteAddr();
    }
}
