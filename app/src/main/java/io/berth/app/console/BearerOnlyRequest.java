package io.berth.app.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

import java.lang.reflect.Proxy;
import java.util.Collections;

/**
 * A request that carries nothing but {@code Authorization: Bearer <token>}: what the console hands the API's
 * authenticators to check a session's token. Nothing else of the browser's request reaches them, so a client
 * certificate presented to the console cannot stand in for the token the user signed in with, and a live stream
 * can re-check its token after the browser's request is gone.
 */
final class BearerOnlyRequest {

    private BearerOnlyRequest() {
    }

    static HttpServletRequest of(String token) {
        String header = "Bearer " + token;
        return (HttpServletRequest) Proxy.newProxyInstance(BearerOnlyRequest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    boolean authorization = args != null && args.length == 1 && args[0] instanceof String h
                            && h.equalsIgnoreCase(HttpHeaders.AUTHORIZATION);
                    return switch (name) {
                        case "getHeader" -> authorization ? header : null;
                        case "getHeaders" -> authorization ? Collections.enumeration(java.util.List.of(header))
                                : Collections.emptyEnumeration();
                        case "getHeaderNames" -> Collections.enumeration(java.util.List.of(HttpHeaders.AUTHORIZATION));
                        case "getMethod" -> "GET";
                        case "toString" -> "BearerOnlyRequest";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> defaultFor(method.getReturnType());
                    };
                });
    }

    private static Object defaultFor(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
