package io.berth.app.discovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The discovery DNS server: UDP and TCP on {@code berth.discovery.dns.bind-address:port}, answers from
 * {@link DnsAnswers}. Bounded throughout: {@code threads} UDP queries at once with a short queue behind them (more
 * are dropped: resolvers retry), and {@code threads} TCP connections at once in a pool of their own (more are
 * closed), so that slow TCP clients cannot starve UDP; a TCP connection is closed when idle for {@link #TCP_IDLE},
 * after {@link #TCP_QUERIES} queries or {@link #TCP_LIFETIME}; UDP answers are cut to the client's size with the
 * TC bit (512 bytes, or what its EDNS record offers up to {@link #MAX_UDP}).
 *
 * <p>Runs on every Berth, leader or standby: answers come from PostgreSQL. A port that cannot be bound (another
 * Berth on the same host) is logged as an error and Berth runs on without DNS: the API and the control loop do not
 * depend on it.
 */
@Component
public class DnsServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
    static final Duration TCP_IDLE = Duration.ofSeconds(10);
    static final int TCP_QUERIES = 100;
    static final Duration TCP_LIFETIME = Duration.ofSeconds(60);
    static final int MAX_UDP = 4096;
    private static final int QUEUE = 64;

    private final DiscoveryProperties.Dns props;
    private final DnsAnswers answers;
    private final AtomicInteger names = new AtomicInteger();
    private volatile DatagramSocket udp;
    private volatile ServerSocket tcp;
    private volatile ThreadPoolExecutor workers;
    private volatile ThreadPoolExecutor tcpWorkers;
    private volatile boolean running;

    public DnsServer(DiscoveryProperties props, EndpointsReader reader) {
        this.props = props.dns();
        this.answers = new DnsAnswers(this.props.domain(), this.props.ttl().toSeconds(), new DnsAnswers.Lookup() {
            @Override
            public Optional<io.berth.reconciler.discovery.Endpoints> service(String cluster, String service) {
                return reader.findIgnoringCase(cluster, service);
            }

            @Override
            public boolean clusterExists(String cluster) {
                return reader.clusterExistsIgnoringCase(cluster);
            }
        });
    }

    /** The bound port (UDP and TCP alike); -1 when not serving. */
    public int port() {
        ServerSocket t = tcp;
        return t == null ? -1 : t.getLocalPort();
    }

    @Override
    public void start() {
        if (!props.enabled()) {
            return;
        }
        try {
            bind();
        } catch (IOException e) {
            log.error("DNS server: cannot listen on {}:{} (berth.discovery.dns.*); running without DNS: {}",
                    props.bindAddress(), props.port(), e.toString());
            close();
            return;
        }
        workers = new ThreadPoolExecutor(props.threads(), props.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> Thread.ofPlatform().daemon(true)
                .name("berth-dns-" + names.incrementAndGet()).unstarted(r), new ThreadPoolExecutor.AbortPolicy());
        tcpWorkers = new ThreadPoolExecutor(props.threads(), props.threads(), 0, TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), r -> Thread.ofPlatform().daemon(true)
                .name("berth-dns-tcp-" + names.incrementAndGet()).unstarted(r), new ThreadPoolExecutor.AbortPolicy());
        running = true;
        Thread.ofPlatform().daemon(true).name("berth-dns-udp").start(this::receiveUdp);
        Thread.ofPlatform().daemon(true).name("berth-dns-tcp").start(this::acceptTcp);
        log.info("DNS server answering for {} on {}:{} (UDP and TCP)", answers.zone(), props.bindAddress(), port());
    }

    /** TCP first; UDP on the same port number (with port 0, the one TCP got). */
    private void bind() throws IOException {
        InetAddress address = InetAddress.getByName(props.bindAddress());
        IOException last = null;
        for (int attempt = 0; attempt < (props.port() == 0 ? 5 : 1); attempt++) {
            ServerSocket t = new ServerSocket();
            t.setReuseAddress(true);
            t.bind(new InetSocketAddress(address, props.port()), 50);
            try {
                udp = new DatagramSocket(new InetSocketAddress(address, t.getLocalPort()));
                tcp = t;
                return;
            } catch (SocketException e) {
                t.close();
                last = e;
            }
        }
        throw last;
    }

    private void receiveUdp() {
        byte[] buffer = new byte[MAX_UDP];
        while (running) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (running) {
                    log.warn("DNS server: UDP receive failed: {}", e.toString());
                }
                continue;
            }
            byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
            try {
                workers.execute(() -> answerUdp(query, client));
            } catch (RejectedExecutionException e) {
                log.debug("DNS server busy: UDP query from {} dropped", client); // the resolver retries
            }
        }
    }

    private void answerUdp(byte[] query, InetSocketAddress client) {
        byte[] reply = reply(query, true);
        if (reply == null) {
            return;
        }
        try {
            udp.send(new DatagramPacket(reply, reply.length, client));
        } catch (IOException e) {
            log.debug("DNS server: UDP answer to {} failed: {}", client, e.toString());
        }
    }

    private void acceptTcp() {
        while (running) {
            Socket s;
            try {
                s = tcp.accept();
            } catch (IOException e) {
                if (running) {
                    log.warn("DNS server: TCP accept failed: {}", e.toString());
                }
                continue;
            }
            try {
                tcpWorkers.execute(() -> serveTcp(s));
            } catch (RejectedExecutionException e) {
                closeQuietly(s); // every TCP worker busy: the client retries (or over UDP)
            }
        }
    }

    private void serveTcp(Socket s) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream());
             DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            long end = System.nanoTime() + TCP_LIFETIME.toNanos();
            for (int i = 0; i < TCP_QUERIES && running; i++) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                s.setSoTimeout((int) Math.min(TCP_IDLE.toMillis(), left));
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                byte[] query = new byte[length];
                in.readFully(query);
                byte[] reply = reply(query, false);
                if (reply == null) {
                    return;
                }
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            log.debug("DNS server: TCP connection ended: {}", e.toString());
        }
    }

    /** The wire answer to a wire query; null when it is not even a DNS header (nothing to answer). */
    byte[] reply(byte[] query, boolean overUdp) {
        Message parsed;
        try {
            parsed = new Message(query);
        } catch (IOException e) {
            return formatError(query);
        }
        if (parsed.getHeader().getFlag(Flags.QR)) {
            return null; // a response: never answer one (no loops between servers)
        }
        Message response = answers.answer(parsed);
        OPTRecord opt = parsed.getOPT();
        int max = overUdp ? 512 : 65535;
        if (opt != null) {
            response.addRecord(new OPTRecord(MAX_UDP, 0, 0), Section.ADDITIONAL);
            if (overUdp) {
                max = Math.clamp(opt.getPayloadSize(), 512, MAX_UDP);
            }
        }
        return response.toWire(max);
    }

    private static byte[] formatError(byte[] query) {
        if (query.length < Header.LENGTH) {
            return null;
        }
        try {
            Header h = new Header(Arrays.copyOf(query, Header.LENGTH));
            if (h.getFlag(Flags.QR)) {
                return null;
            }
            Message m = new Message(h.getID());
            m.getHeader().setFlag(Flags.QR);
            m.getHeader().setRcode(Rcode.FORMERR);
            return m.toWire();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void stop() {
        running = false;
        close();
        for (ThreadPoolExecutor w : new ThreadPoolExecutor[] {workers, tcpWorkers}) {
            if (w != null) {
                w.shutdownNow();
            }
        }
    }

    private void close() {
        if (udp != null) {
            udp.close();
        }
        closeQuietly(tcp);
        udp = null;
        tcp = null;
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
