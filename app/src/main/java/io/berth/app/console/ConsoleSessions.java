package io.berth.app.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in console sessions, in memory. The browser holds only a random session id (an HttpOnly cookie); the token
 * stays here, so a page, a script or a log never sees it, and each request re-checks it with the API's
 * authenticators (a revoked token ends its sessions at once). Bounded: past {@code maxSessions}, signing in ends the
 * least recently used session. A restart of Berth signs everyone out, by design: nothing secret is written down.
 */
public final class ConsoleSessions {

    /**
     * @param id    the cookie's value
     * @param token the API token the user signed in with (never sent back to the browser)
     * @param csrf  the value every form post of this session must carry
     */
    public record Session(String id, String token, String csrf) {

        @Override
        public String toString() {
            return "Session[" + id.substring(0, 6) + "…]"; // never the token
        }
    }

    private record Entry(Session session, Instant lastUsed) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;
    private final Duration idleTimeout;
    private final int maxSessions;

    public ConsoleSessions(SecureRandom random, Clock clock, Duration idleTimeout, int maxSessions) {
        this.random = random;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.maxSessions = maxSessions;
    }

    /** A new session for a token that was just checked. */
    public Session create(String token) {
        Session session = new Session(secret(), token, secret());
        synchronized (sessions) {
            Instant now = clock.instant();
            sessions.values().removeIf(e -> expired(e, now));
            while (sessions.size() >= maxSessions) {
                sessions.values().stream().min(Comparator.comparing(Entry::lastUsed))
                        .ifPresent(oldest -> sessions.remove(oldest.session().id()));
            }
            sessions.put(session.id(), new Entry(session, now));
        }
        return session;
    }

    /** The live session with this id, marked used now; empty when unknown or idle too long. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry entry = sessions.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        if (expired(entry, now)) {
            sessions.remove(id, entry);
            return Optional.empty();
        }
        sessions.replace(id, entry, new Entry(entry.session(), now));
        return Optional.of(entry.session());
    }

    /** True while the session exists (a live stream checks this: signing out ends it). */
    public boolean alive(String id) {
        Entry entry = sessions.get(id);
        return entry != null && !expired(entry, clock.instant());
    }

    public void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    public int size() {
        return sessions.size();
    }

    /** Constant-time comparison of a posted CSRF value with the expected one. */
    public static boolean same(String expected, String given) {
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** 32 random bytes, URL-safe: a session id or a CSRF value. */
    public String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private boolean expired(Entry entry, Instant now) {
        return !entry.lastUsed().plus(idleTimeout).isAfter(now);
    }
}
