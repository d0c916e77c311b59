package io.berth.app.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import java.time.Duration;

/**
 * The console's two cookies, both HttpOnly (no script reads them), SameSite=Strict (no other site's page sends
 * them) and limited to {@code /ui}; Secure when the console is served over HTTPS.
 */
final class ConsoleCookies {

    /** The session id (a reference to the server-side session, never the token). */
    static final String SESSION = "berth_console";
    /** Before sign-in: the value the sign-in form must echo (double-submit CSRF protection of the sign-in post). */
    static final String SIGN_IN = "berth_console_signin";
    static final String PATH = "/ui";

    private ConsoleCookies() {
    }

    static void set(HttpServletRequest request, HttpServletResponse response, String name, String value) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, name, value, null).toString());
    }

    static void clear(HttpServletRequest request, HttpServletResponse response, String name) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, name, "", Duration.ZERO).toString());
    }

    static String read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static ResponseCookie cookie(HttpServletRequest request, String name, String value, Duration maxAge) {
        ResponseCookie.ResponseCookieBuilder builder = ResponseCookie.from(name, value).httpOnly(true)
                .sameSite("Strict").path(PATH).secure(request.isSecure());
        if (maxAge != null) {
            builder.maxAge(maxAge);
        }
        return builder.build();
    }
}
