package io.berth.app.security.certificate;

import io.berth.app.security.identity.Authenticator;
import io.berth.app.security.identity.BadCredentialsException;
import io.berth.app.security.identity.Caller;
import jakarta.servlet.http.HttpServletRequest;

import javax.security.auth.x500.X500Principal;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/**
 * A TLS client certificate. The servlet container puts the chain on the request only after the handshake
 * verified it against the server's client CA ({@code server.ssl.client-auth: want}); this maps the leaf's subject
 * to a caller named {@code cert:<subject>}. No certificate: the request is left to the other authenticators. A
 * certificate whose subject is not mapped is refused rather than passed on: it proves an identity Berth does not
 * know, and silently treating the request as anonymous would hide a configuration mistake.
 */
public final class ClientCertificateAuthenticator implements Authenticator {

    /** Where Jakarta Servlet containers put the verified client certificate chain, leaf first. */
    static final String ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final SubjectMapping subjects;
    private final Clock clock;

    ClientCertificateAuthenticator(SubjectMapping subjects, Clock clock) {
        this.subjects = subjects;
        this.clock = clock;
    }

    @Override
    public Optional<Caller> authenticate(HttpServletRequest request) {
        if (!(request.getAttribute(ATTRIBUTE) instanceof X509Certificate[] chain) || chain.length == 0) {
            return Optional.empty();
        }
        X509Certificate leaf = chain[0];
        X500Principal subject = leaf.getSubjectX500Principal();
        String name = subject.getName(X500Principal.RFC2253);
        // The handshake checked the dates too; checked again with Berth's clock, which tests can set.
        try {
            leaf.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            throw new BadCredentialsException("client certificate '" + name + "' expired on " + leaf.getNotAfter()
                    .toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new BadCredentialsException("client certificate '" + name + "' is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
        SubjectMapping.Grant grant = subjects.grant(subject).orElseThrow(() -> new BadCredentialsException(
                "client certificate subject '" + name + "' is not mapped to any role "
                        + "(berth.security.client-certificates.subjects)"));
        return Optional.of(new Caller("cert:" + name, Caller.Source.CERTIFICATE, grant.roles(), grant.clusters()));
    }
}
