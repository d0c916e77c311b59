package io.berth.app.instances;

import io.berth.app.manifest.FieldError;
import io.berth.docker.EngineException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Checks an instance's endpoint and certificate folder against {@link InstanceSettings} before anything connects
 * to it or reads it, and words a failed connection without what the other side said (a registration must not
 * become a way to read foreign services' answers).
 */
@Component
public class EndpointPolicy {

    private final InstanceSettings settings;
    private final List<Pattern> allowed;

    public EndpointPolicy(InstanceSettings settings) {
        this.settings = settings;
        this.allowed = settings.allowedEndpoints().stream().map(EndpointPolicy::glob).toList();
    }

    /** Errors for an endpoint outside berth.instances.allowed-endpoints, named {@code field}. */
    public List<FieldError> checkEndpoint(String endpoint, String field) {
        if (allowed.stream().anyMatch(p -> p.matcher(endpoint).matches())) {
            return List.of();
        }
        return List.of(new FieldError(field, endpoint + " is not in berth.instances.allowed-endpoints "
                + settings.allowedEndpoints()));
    }

    /**
     * Errors for a certificate folder that does not resolve (after {@code ..} and symbolic links) to a place inside
     * berth.instances.tls-cert-dir, or lacks one of the three files, named {@code field}.
     */
    public List<FieldError> checkCertPath(String tlsCertPath, String field) {
        Path real;
        Path root;
        try {
            real = Path.of(tlsCertPath).toAbsolutePath().normalize().toRealPath();
            root = settings.tlsCertDir().toAbsolutePath().normalize().toRealPath();
        } catch (IOException | RuntimeException e) {
            return List.of(outside(tlsCertPath, field));
        }
        if (!real.startsWith(root)) {
            return List.of(outside(tlsCertPath, field));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            if (!Files.isReadable(real.resolve(file))) {
                errors.add(new FieldError(field, "has no readable " + file + " in " + tlsCertPath));
            }
        }
        return errors;
    }

    private FieldError outside(String tlsCertPath, String field) {
        return new FieldError(field, tlsCertPath + " is not a folder inside berth.instances.tls-cert-dir ("
                + settings.tlsCertDir() + ")");
    }

    /** "could not connect: REASON", the reason a few words from the kind of failure, never the peer's answer. */
    public static String couldNotConnect(Exception e) {
        return "could not connect: " + shortReason(e);
    }

    private static String shortReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed";
            }
        }
        if (e instanceof EngineException engine) {
            return switch (engine.kind()) {
                case UNREACHABLE -> "unreachable";
                case TIMEOUT -> "timed out";
                default -> "no Docker engine answered";
            };
        }
        return "no Docker engine answered";
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
