package io.berth.app.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** X-Forwarded-For is believed only from a configured proxy, and only up to the first untrusted hop. */
class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void thePeerIsTheClientUnlessItIsATrustedProxy() {
        assertThat(proxies.client("203.0.113.9", List.of("1.2.3.4"))).isEqualTo("203.0.113.9");
        assertThat(proxies.client("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
        assertThat(TrustedProxies.parse(List.of()).client("10.1.2.3", List.of("1.2.3.4"))).isEqualTo("10.1.2.3");
    }

    @Test
    void aTrustedProxysHeaderIsReadFromTheRightUpToTheFirstUntrustedHop() {
        assertThat(proxies.client("10.1.2.3", List.of("1.2.3.4"))).isEqualTo("1.2.3.4");
        // The client claimed 6.6.6.6 itself; the trusted chain says the request came from 1.2.3.4.
        assertThat(proxies.client("10.1.2.3", List.of("6.6.6.6, 1.2.3.4, 192.168.1.7"))).isEqualTo("1.2.3.4");
        assertThat(proxies.client("fd12::1", List.of("2001:db8::5", "10.9.9.9"))).isEqualTo("2001:db8::5");
        assertThat(proxies.client("192.168.1.7", List.of("10.0.0.1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void rangesMatchByPrefix() {
        TrustedProxies narrow = TrustedProxies.parse(List.of("172.16.0.0/12"));
        assertThat(narrow.trusts("172.31.255.255")).isTrue();
        assertThat(narrow.trusts("172.32.0.1")).isFalse();
        assertThat(narrow.trusts("not-an-address")).isFalse();
        assertThat(narrow.trusts("::ffff:1")).isFalse();
    }

    @Test
    void aBadEntryNamesTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.parse(List.of("proxy.example")))
                .withMessageContaining("berth.audit.trusted-proxies").withMessageContaining("proxy.example");
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33")))
                .withMessageContaining("10.0.0.0/33");
    }
}
