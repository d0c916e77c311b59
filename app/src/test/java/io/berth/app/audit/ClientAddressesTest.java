package io.berth.app.audit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** What is audited outside the filter's own record (exec sessions) gets the address the audit trail would record. */
class ClientAddressesTest {

    private static String seenByHandler(String peer, String forwardedFor) throws Exception {
        AuditFilter filter = new AuditFilter(null, Clock.systemUTC(),
                new AuditProperties(null, false, List.of("10.0.0.0/8"), null, null), 1024, request -> null);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/clusters/c/tasks/t/containers/app/exec");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        AtomicReference<String> seen = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) ->
                seen.set(ClientAddresses.of((jakarta.servlet.http.HttpServletRequest) req)));
        return seen.get();
    }

    @Test
    void aTrustedProxysForwardedForIsBelievedAndAnyoneElsesIsNot() throws Exception {
        assertThat(seenByHandler("10.1.2.3", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(seenByHandler("198.51.100.9", "203.0.113.7")).isEqualTo("198.51.100.9");
        assertThat(seenByHandler("198.51.100.9", null)).isEqualTo("198.51.100.9");
    }

    @Test
    void withoutTheFilterItIsTheConnectionsPeer() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setRemoteAddr("192.0.2.1");
        assertThat(ClientAddresses.of(request)).isEqualTo("192.0.2.1");
    }
}
