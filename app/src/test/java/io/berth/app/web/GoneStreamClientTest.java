package io.berth.app.web;

import io.berth.app.BerthContextTest;
import io.berth.app.watch.WatchController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watch (or followed log) client that hangs up reaches the application as an error of its async request. That is
 * the client's doing: it must be resolved quietly — not as a 500 with a JSON body, which cannot even be written into
 * the event stream's response and used to fail a second time, each logged as an ERROR with its stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class GoneStreamClientTest extends BerthContextTest {

    @Autowired
    @Qualifier("handlerExceptionResolver")
    private HandlerExceptionResolver resolver;
    @Autowired
    private WatchController watch;

    @Test
    void aClientThatWentAwayIsNoServerErrorAndGetsNothingWritten(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/watch");
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE); // what the stream had set before the client left
        HandlerMethod handler = new HandlerMethod(watch, WatchController.class.getMethod("watch",
                String.class, String.class, String.class, String.class));

        ModelAndView resolved = resolver.resolveException(request, response, handler,
                new AsyncRequestNotUsableException("Servlet container error notification for disconnected client"));

        assertThat(resolved).as("resolved by the API's handler").isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(output.getAll()).doesNotContain("Request failed").doesNotContain("Failure in @ExceptionHandler");
    }
}
