package io.berth.app.audit;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Which peers may tell the client's address in {@code X-Forwarded-For}: anyone can send the header, so it is
 * believed only from configured proxies (addresses or CIDR ranges). Literal addresses only: no name is resolved.
 */
final class TrustedProxies {

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            if (!Arrays.equals(address, 0, full, network, 0, full)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException naming {@code berth.audit.trusted-proxies} and the bad entry */
    static TrustedProxies parse(List<String> entries) {
        return new TrustedProxies(entries.stream().map(TrustedProxies::range).toList());
    }

    private static Range range(String entry) {
        String text = entry.strip();
        int slash = text.indexOf('/');
        try {
            byte[] address = InetAddress.ofLiteral(slash < 0 ? text : text.substring(0, slash)).getAddress();
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("prefix length out of range");
            }
            return new Range(address, bits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("berth.audit.trusted-proxies: \"" + entry
                    + "\" is not an IP address or CIDR range (e.g. 10.0.0.0/8)", e);
        }
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    boolean trusts(String address) {
        byte[] bytes;
        try {
            bytes = InetAddress.ofLiteral(address.strip()).getAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /**
     * The client's address: the peer, unless the peer is a trusted proxy; then X-Forwarded-For is read from the
     * right (the entry the nearest proxy added) and the first address that is not a trusted proxy is the client.
     */
    String client(String peer, List<String> forwardedFor) {
        if (ranges.isEmpty() || forwardedFor.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> hops = forwardedFor.stream()
                .flatMap(h -> Arrays.stream(h.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusts(hops.get(i))) {
                return bounded(hops.get(i));
            }
        }
        return hops.isEmpty() ? peer : bounded(hops.getFirst());
    }

    private static String bounded(String address) {
        return address.length() <= 64 ? address : address.substring(0, 64);
    }
}
