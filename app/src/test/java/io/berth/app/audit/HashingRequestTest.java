package io.berth.app.audit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The body's hash is of the whole body, however much of it the handler read, and never past the limit. */
class HashingRequestTest {

    private static final byte[] BODY = "{\"name\":\"web\",\"password\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8);

    private static HashingRequest request(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/credentials");
        request.setContent(body);
        return new HashingRequest(request);
    }

    @Test
    void aBodyReadWholeIsHashed() throws Exception {
        HashingRequest request = request(BODY);
        request.getInputStream().readAllBytes();

        assertThat(request.sha256Hex(true, 1024)).isEqualTo(sha256(BODY));
    }

    @Test
    void whatTheHandlerLeftUnreadIsReadForTheHash() throws Exception {
        HashingRequest partly = request(BODY);
        assertThat(partly.getInputStream().read(new byte[5])).isEqualTo(5);
        HashingRequest unread = request(BODY);

        assertThat(partly.sha256Hex(true, 1024)).isEqualTo(sha256(BODY));
        assertThat(unread.sha256Hex(true, 1024)).isEqualTo(sha256(BODY));
    }

    @Test
    void noHashWithoutABodyPastTheLimitOrWhenTheRestMayNotBeRead() throws Exception {
        assertThat(request(new byte[0]).sha256Hex(true, 1024)).isNull();
        assertThat(request(BODY).sha256Hex(true, 10)).isNull();
        assertThat(request(BODY).sha256Hex(false, 1024)).isNull();
        HashingRequest partly = request(BODY);
        partly.getInputStream().read();
        assertThat(partly.sha256Hex(false, 1024)).isNull();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
