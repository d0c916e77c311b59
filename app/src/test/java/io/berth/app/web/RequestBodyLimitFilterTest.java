package io.berth.app.web;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBodyLimitFilterTest {

    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(
            new ApiLimits(DataSize.ofBytes(10), null, null, null, null, null));

    @Test
    void aDeclaredLengthPastTheCapIs413BeforeAnythingIsRead() throws Exception {
        MockHttpServletRequest request = request("0123456789AB", true);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean called = new AtomicBoolean();

        filter.doFilter(request, response, (req, res) -> called.set(true));

        assertThat(called).isFalse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("berth.api.max-body-size (10 bytes)");
    }

    @Test
    void aChunkedBodyIsCountedAsItIsRead() throws Exception {
        FilterChain readAll = (req, res) -> req.getInputStream().readAllBytes();

        assertThatThrownBy(() -> filter.doFilter(request("0123456789AB", false), new MockHttpServletResponse(), readAll))
                .isInstanceOf(RequestBodyTooLargeException.class)
                .hasMessageContaining("berth.api.max-body-size");
        FilterChain readByByte = (req, res) -> {
            while (req.getInputStream().read() >= 0) {
                // reads one byte at a time
            }
        };
        assertThatThrownBy(() -> filter.doFilter(request("0123456789AB", false), new MockHttpServletResponse(),
                readByByte)).isInstanceOf(RequestBodyTooLargeException.class);
        FilterChain readText = (req, res) -> req.getReader().lines().count();
        assertThatThrownBy(() -> filter.doFilter(request("0123456789AB", false), new MockHttpServletResponse(),
                readText)).isInstanceOf(RequestBodyTooLargeException.class);
    }

    @Test
    void aBodyWithinTheCapPassesWhole() throws Exception {
        byte[][] read = new byte[1][];
        filter.doFilter(request("0123456789", false), new MockHttpServletResponse(),
                (req, res) -> read[0] = req.getInputStream().readAllBytes());

        assertThat(new String(read[0], StandardCharsets.UTF_8)).isEqualTo("0123456789");
    }

    /** @param declared whether the request states its Content-Length (else it is chunked) */
    private static MockHttpServletRequest request(String body, boolean declared) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/apply") {
            @Override
            public long getContentLengthLong() {
                return declared ? super.getContentLengthLong() : -1;
            }

            @Override
            public int getContentLength() {
                return declared ? super.getContentLength() : -1;
            }
        };
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
