package io.berth.reconciler.traffic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * HAProxy server names from task ids. HAProxy identifiers are letters, digits, '-', '_', '.' and ':'; a task id is
 * mapped character by character (anything else becomes '_'), and when that changed it, or it is long, a short hash
 * of the whole id is appended, so two ids never share a name. The name is a function of the task id alone: the
 * same target keeps its name across renders, which is what lets HAProxy's server-state file carry a target's
 * health and drain state over a reload.
 */
public final class ServerNames {

    /** Keeps names readable in logs and the stats output; HAProxy itself has no small limit. */
    static final int MAX_READABLE = 48;

    private ServerNames() {
    }

    public static String of(String taskId) {
        StringBuilder b = new StringBuilder("t-");
        boolean changed = false;
        for (int i = 0; i < taskId.length() && b.length() < MAX_READABLE + 2; i++) {
            char c = taskId.charAt(i);
            if (isIdentifierChar(c)) {
                b.append(c);
            } else {
                b.append('_');
                changed = true;
            }
        }
        if (changed || taskId.length() > MAX_READABLE) {
            b.append('-').append(hash(taskId));
        }
        return b.toString();
    }

    static boolean isIdentifierChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == ':';
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
